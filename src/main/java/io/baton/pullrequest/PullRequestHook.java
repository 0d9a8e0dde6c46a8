package io.baton.pullrequest;

import java.util.Set;

/**
 * What a verified pull request webhook says: the repository (by its URLs and its path), the pull
 * request's number, and the state the delivery reports. Only a hint: the watcher asks the
 * provider's API before it changes anything, so a payload can never merge a step.
 */
public record PullRequestHook(
    ProviderKind provider, Set<String> repository, long number, PullRequestState state) {}
