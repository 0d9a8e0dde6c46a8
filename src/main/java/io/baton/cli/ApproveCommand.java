package io.baton.cli;

import io.vertx.core.json.JsonObject;

/**
 * {@code approve RELEASE_ID ENVIRONMENT [--comment C]}: approves a release's step waiting for
 * approval.
 */
final class ApproveCommand implements Command {
  private static final String APPROVE =
      "mutation($id: ID!, $environment: String!, $comment: String) { approveStep(input:"
          + " {releaseId: $id, environment: $environment, comment: $comment}) { "
          + ReleaseText.FIELDS
          + " } }";

  @Override
  public String name() {
    return "approve";
  }

  @Override
  public Syntax syntax() {
    return Syntax.of("RELEASE_ID", "ENVIRONMENT").withValueOptions("--comment");
  }

  @Override
  public String usage() {
    return "approve RELEASE_ID ENVIRONMENT [--comment C]  approve a step waiting for approval";
  }

  @Override
  public Exit run(Invocation invocation) {
    Arguments args = invocation.arguments();
    JsonObject release =
        invocation
            .client()
            .execute(
                APPROVE,
                new JsonObject()
                    .put("id", args.positional(0))
                    .put("environment", args.positional(1))
                    .put("comment", args.value("--comment").orElse(null)))
            .getJsonObject("approveStep");
    Output output = invocation.output();
    output.text("approved " + args.positional(1) + "; " + ReleaseText.summary(release));
    output.json(release);
    return Exit.SUCCESS;
  }
}
