package io.baton.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Locale;

/** Where a command writes its result: readable text, or JSON for scripts (--output json). */
final class Output {
  enum Format {
    TEXT,
    JSON;

    static Format of(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--output is text or json, not " + name);
      }
    }
  }

  private final PrintStream out;
  private final Format format;

  Output(PrintStream out, Format format) {
    this.out = out;
    this.format = format;
  }

  boolean isJson() {
    return format == Format.JSON;
  }

  /** A line of text; nothing in JSON output. */
  void text(String line) {
    if (!isJson()) {
      out.println(line);
      out.flush();
    }
  }

  /** A JSON document, indented; nothing in text output. */
  void json(JsonObject document) {
    if (isJson()) {
      out.println(document.encodePrettily());
      out.flush();
    }
  }

  void json(JsonArray document) {
    if (isJson()) {
      out.println(document.encodePrettily());
      out.flush();
    }
  }

  /** One JSON document on one line, for a stream of them (one per event); nothing in text. */
  void jsonLine(JsonObject document) {
    if (isJson()) {
      out.println(document.encode());
      out.flush();
    }
  }

  /** Written as it is, whatever the format (an exported YAML file). */
  void raw(String content) {
    out.print(content);
    out.flush();
  }
}
