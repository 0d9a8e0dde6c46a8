package io.baton.config;

/** What applying a configuration does to one object. */
public enum ConfigAction {
  /** It is in the file and not in the catalog: created. */
  CREATE,
  /** It is in both and differs: changed to what the file says. */
  UPDATE,
  /** Its kind is in the file, it is not, and the apply prunes: deleted. */
  DELETE,
  /** It is in both, the same. */
  UNCHANGED
}
