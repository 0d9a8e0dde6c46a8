package io.baton.pullrequest;

import java.util.Locale;

/** The pull request providers Baton knows; each is one {@link PullRequestProvider} class. */
public enum ProviderKind {
  GITHUB,
  GITLAB,
  GITEA,
  BITBUCKET;

  /** The kind as {@code BATON_GIT_PROVIDERS} names it; Forgejo speaks Gitea's API. */
  static ProviderKind parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "github" -> GITHUB;
      case "gitlab" -> GITLAB;
      case "gitea", "forgejo" -> GITEA;
      case "bitbucket" -> BITBUCKET;
      default ->
          throw new IllegalArgumentException(
              "\""
                  + name
                  + "\" is not a provider Baton knows: github, gitlab, gitea, forgejo or"
                  + " bitbucket");
    };
  }
}
