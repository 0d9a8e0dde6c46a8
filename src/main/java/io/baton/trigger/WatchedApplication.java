package io.baton.trigger;

import io.baton.product.ProductFlowTrigger;
import java.util.List;

/**
 * A trigger application: a product's application in the trigger environment of one or more of the
 * product's automatic flows, and those flows, in the product's order.
 *
 * @param lastCommit the commit the watcher dealt with last; null before its first look
 */
record WatchedApplication(
    long applicationId,
    String product,
    String repoUrl,
    String branch,
    String path,
    String lastCommit,
    List<ProductFlowTrigger> flows) {

  WatchedApplication {
    flows = List.copyOf(flows);
  }

  String remote() {
    return RepoUrls.normalize(repoUrl);
  }

  /** Where it is read from, as git_watch keeps it: another source is watched from its head. */
  String source() {
    return repoUrl + " " + branch + " " + path;
  }
}
