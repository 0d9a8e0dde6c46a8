package io.baton.git;

import io.baton.release.PromotionFailure;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * One file of a tree: its mode, its object id and, except for a submodule (a gitlink, whose id is a
 * commit), its bytes.
 */
record FileEntry(FileMode mode, ObjectId id, byte[] content) {

  static FileEntry blob(FileMode mode, byte[] content) {
    return new FileEntry(mode, blobId(content), content);
  }

  static FileEntry ofText(String content) {
    return blob(FileMode.REGULAR_FILE, content.getBytes(StandardCharsets.UTF_8));
  }

  static ObjectId blobId(byte[] content) {
    try (var formatter = new ObjectInserter.Formatter()) {
      return formatter.idFor(Constants.OBJ_BLOB, content);
    }
  }

  boolean sameAs(FileEntry other) {
    return other != null && id.equals(other.id) && mode.equals(other.mode);
  }

  /** The content as UTF-8 text; a file that is not UTF-8 cannot be edited in place. */
  String text(String name) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException | NullPointerException e) {
      throw new PromotionFailure(name + " is not UTF-8 text, so its values cannot be promoted");
    }
  }
}
