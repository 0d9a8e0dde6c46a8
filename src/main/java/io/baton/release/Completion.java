package io.baton.release;

/** The outcome of one attempt of one step, waiting to be written. */
record Completion(Work work, boolean succeeded, String commitSha, String version, String message) {

  static Completion success(Work work, PromotionAction.Result result) {
    return new Completion(work, true, result.commitSha(), result.version(), result.message());
  }

  static Completion failure(Work work, String message) {
    return new Completion(work, false, null, null, message);
  }
}
