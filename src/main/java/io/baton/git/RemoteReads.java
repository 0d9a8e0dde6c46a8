package io.baton.git;

import io.baton.error.BatonException;
import java.util.HashSet;
import java.util.Set;

/**
 * The remotes one GraphQL request reads: at most {@link #MAX_REMOTES} different ones, each fetched
 * at most once (a remote fetched since the request arrived is read from the cache). So a request
 * repeating a field under many aliases costs what one does, and one request cannot make Baton
 * contact a long list of remotes.
 */
public final class RemoteReads {
  public static final int MAX_REMOTES = 4;

  private final Arrival arrival;
  private final Set<String> remotes = new HashSet<>();

  RemoteReads(Arrival arrival) {
    this.arrival = arrival;
  }

  /** When the request arrived: a fetch that started after it is recent enough for the request. */
  Arrival arrival() {
    return arrival;
  }

  /** Counts {@code url} among the request's remotes; BAD_USER_INPUT over the limit. */
  synchronized void admit(String url) {
    String key = url.trim();
    if (remotes.contains(key)) {
      return;
    }
    if (remotes.size() >= MAX_REMOTES) {
      throw BatonException.badInput(
          "this request reads more than "
              + MAX_REMOTES
              + " Git remotes (too many remote reads in one request); ask for fewer promotion"
              + " previews at a time");
    }
    remotes.add(key);
  }
}
