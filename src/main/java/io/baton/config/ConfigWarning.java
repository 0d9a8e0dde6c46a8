package io.baton.config;

/**
 * A field that Baton keeps with its object, and exports again, but does not carry out.
 *
 * @param path where the field is in the document, such as {@code spec.steps[0].hooks.onStart}
 * @param message what Baton does instead, such as "add an HTTP gate or a webhook"
 */
public record ConfigWarning(String kind, String name, String path, String message) {}
