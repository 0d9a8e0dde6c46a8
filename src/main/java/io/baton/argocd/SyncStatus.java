package io.baton.argocd;

/** Argo CD's {@code status.sync.status}: does the live state match Git at the compared revision. */
public enum SyncStatus {
  SYNCED("Synced"),
  OUT_OF_SYNC("OutOfSync"),
  UNKNOWN("Unknown");

  private final String argoName;

  SyncStatus(String argoName) {
    this.argoName = argoName;
  }

  /** The name as Argo CD writes it. */
  public String argoName() {
    return argoName;
  }

  /** Argo CD's word for it; anything this version of Baton does not know is {@link #UNKNOWN}. */
  static SyncStatus parse(String value) {
    for (SyncStatus status : values()) {
      if (status.argoName.equals(value)) {
        return status;
      }
    }
    return UNKNOWN;
  }
}
