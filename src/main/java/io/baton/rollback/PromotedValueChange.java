package io.baton.rollback;

/**
 * One promoted value a rollback would change.
 *
 * @param file the file's path from the root of the application's repository
 * @param path the value's concrete JSONPath ({@code $.image.tag}); null when the product has no
 *     promotion entries and whole files are restored
 * @param from the value at the branch's head (a scalar as written, a mapping or list as JSON); null
 *     when absent
 * @param to the value the rollback writes back; null when it removes it
 */
public record PromotedValueChange(String file, String path, String from, String to) {}
