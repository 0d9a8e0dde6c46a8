package io.baton.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * A unified diff of one file, as {@code git diff} prints it (3 lines of context), made with JGit.
 */
final class UnifiedDiff {
  private UnifiedDiff() {}

  /** {@code before} null: the file is added; {@code after} null: it is removed. */
  static String of(String path, byte[] before, byte[] after) {
    String from = before == null ? "/dev/null" : "a/" + path;
    String to = after == null ? "/dev/null" : "b/" + path;
    byte[] a = before == null ? new byte[0] : before;
    byte[] b = after == null ? new byte[0] : after;
    if (RawText.isBinary(a) || RawText.isBinary(b)) {
      return "Binary files " + from + " and " + to + " differ\n";
    }
    RawText oldText = new RawText(a);
    RawText newText = new RawText(b);
    EditList edits =
        DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(RawTextComparator.DEFAULT, oldText, newText);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(out)) {
      out.writeBytes(("--- " + from + "\n+++ " + to + "\n").getBytes(StandardCharsets.UTF_8));
      formatter.format(edits, oldText, newText);
      formatter.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
