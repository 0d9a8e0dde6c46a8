package io.baton.argocd;

/** What one look at Argo CD learned about one application. */
public sealed interface ArgoCdLookup {

  /** Argo CD answered with the application. */
  record Found(AppStatus status) implements ArgoCdLookup {}

  /** Argo CD could not be asked, or did not know the application; the problem says why. */
  record Unavailable(ArgoCdException problem) implements ArgoCdLookup {}
}
