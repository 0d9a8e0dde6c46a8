package io.baton.git;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;

/** Who Baton's commits are by: {@code Baton <baton@localhost>} unless configured. */
public record GitAuthor(String name, String email) {
  public static final GitAuthor DEFAULT = new GitAuthor("Baton", "baton@localhost");
  private static final Pattern FORMAT = Pattern.compile("\\s*(.*?)\\s*<\\s*([^<>\\s]+)\\s*>\\s*");

  /** Parses {@code Name <email>}. */
  public static GitAuthor parse(String text) {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches() || m.group(1).isEmpty()) {
      throw new IllegalArgumentException(
          "a Git author is written \"Name <email>\", not \"" + text + "\"");
    }
    return new GitAuthor(m.group(1), m.group(2));
  }

  PersonIdent ident(Clock clock) {
    return new PersonIdent(name, email, clock.instant(), ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return name + " <" + email + ">";
  }
}
