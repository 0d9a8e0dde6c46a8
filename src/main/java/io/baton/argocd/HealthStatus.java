package io.baton.argocd;

/** Argo CD's {@code status.health.status}: the health of the application's live resources. */
public enum HealthStatus {
  HEALTHY("Healthy"),
  PROGRESSING("Progressing"),
  DEGRADED("Degraded"),
  SUSPENDED("Suspended"),
  MISSING("Missing"),
  UNKNOWN("Unknown");

  private final String argoName;

  HealthStatus(String argoName) {
    this.argoName = argoName;
  }

  /** The name as Argo CD writes it. */
  public String argoName() {
    return argoName;
  }

  /** Argo CD's word for it; anything this version of Baton does not know is {@link #UNKNOWN}. */
  static HealthStatus parse(String value) {
    for (HealthStatus status : values()) {
      if (status.argoName.equals(value)) {
        return status;
      }
    }
    return UNKNOWN;
  }
}
