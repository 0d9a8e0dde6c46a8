package io.baton;

import io.baton.error.BatonException;
import java.util.regex.Pattern;

/** The naming rule for environments, products, applications and flows (docs/api.md, "Values"). */
public final class Names {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  public static final int MAX_LENGTH = 63;

  private Names() {}

  public static String require(String what, String name) {
    if (name == null || name.isEmpty()) {
      throw BatonException.badInput("name", what + " name must not be empty");
    }
    if (name.length() > MAX_LENGTH) {
      throw BatonException.badInput(
          "name",
          what
              + " name \""
              + name
              + "\" is "
              + name.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " are allowed");
    }
    if (!NAME.matcher(name).matches()) {
      throw BatonException.badInput(
          "name",
          what
              + " name \""
              + name
              + "\" is invalid: use a-z, 0-9 and '-', "
              + "starting and ending with a letter or digit");
    }
    return name;
  }
}
