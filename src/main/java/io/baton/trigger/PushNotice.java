package io.baton.trigger;

import java.util.Set;

/**
 * What a verified push webhook says: which repositories, by every URL the provider gives for them
 * (clone URL over https, ssh URL, web page), and which branch, when the payload names one. It only
 * tells the watcher where to look now; the watcher reads the repository itself, so a forged or
 * replayed payload can never bring in a commit that the repository does not have.
 *
 * @param provider the provider that sent it, e.g. {@code github}
 * @param repositoryUrls the repository's URLs as the payload gives them
 * @param branch the pushed branch ({@code main}, from {@code refs/heads/main}); empty for a tag or
 *     when the payload names none
 */
public record PushNotice(String provider, Set<String> repositoryUrls, String branch) {
  public PushNotice {
    repositoryUrls = Set.copyOf(repositoryUrls);
    branch = branch == null ? "" : branch;
  }
}
