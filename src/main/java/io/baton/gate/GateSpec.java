package io.baton.gate;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A gate as a flow step or an environment defines it. One record for every kind, as the schema's
 * {@code Gate} type has it; each kind reads its own fields and ignores the others.
 *
 * @param timeout how long the gate may wait before it fails; empty: until the flow's timeout
 * @param interval how often a waiting gate is checked again; empty: the kind's default
 */
public record GateSpec(
    GateKind kind,
    GateWhen when,
    Optional<Duration> timeout,
    Optional<Duration> interval,
    Http http,
    Approval approval,
    Optional<Duration> soak) {

  public GateSpec {
    Objects.requireNonNull(kind, "kind");
    when = when == null ? kind.defaultWhen() : when;
    timeout = timeout == null ? Optional.empty() : timeout;
    interval = interval == null ? Optional.empty() : interval;
    soak = soak == null ? Optional.empty() : soak;
  }

  /**
   * An {@code HTTP} gate's request and what it expects. The URL and header values may use the
   * release's variables ({@code {{version}}}, {@code {{commit}}}, {@code {{environment}}}, {@code
   * {{product}}}, {@code {{release}}}).
   */
  public record Http(
      String method,
      String url,
      Map<String, String> headers,
      int expectStatus,
      Optional<String> expectJsonPath,
      Optional<String> expectValue) {}

  /** An {@code APPROVAL} gate's rule: how many distinct people, with which role. */
  public record Approval(int approvals, String approverRole, boolean allowInitiator) {
    public static final Approval DEFAULTS = new Approval(1, "PROMOTER", true);
  }
}
