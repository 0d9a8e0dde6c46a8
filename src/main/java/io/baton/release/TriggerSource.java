package io.baton.release;

import io.baton.auth.Principal;
import io.baton.gate.GateKind;
import io.baton.gate.GateSpec;
import io.baton.gate.GateWhen;
import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Who or what asked for a release, and which commit of its source it is pinned to: a person pins
 * the head of the source application's branch as it is when the release is created; a commit seen
 * by the Git watcher pins exactly that commit, whatever the branch holds by then.
 */
public interface TriggerSource {

  /** What the release's {@code triggeredBy} says. */
  String triggeredBy();

  /**
   * The commit that started the release by itself: at most one release per product, flow and such
   * commit (the database's {@code release_trigger_once}); empty for a person's trigger.
   */
  Optional<String> triggerCommit();

  /**
   * The gates of the release's trigger step, given the trigger environment's: the step succeeds
   * once they pass (with the pinned commit as the step's commit), and the flow's steps start after
   * it.
   */
  List<GateSpec> triggerStepGates(List<GateSpec> environmentGates);

  /** Reads the source's commit and version. */
  Future<SourcePinner.Snapshot> pin(
      SourcePinner pinner, Application source, PromotionTemplate template);

  /** A person (an API token) pressed Trigger or Promote. */
  record Person(Principal principal) implements TriggerSource {
    @Override
    public String triggeredBy() {
      return principal.name();
    }

    @Override
    public Optional<String> triggerCommit() {
      return Optional.empty();
    }

    /** None: a person triggers what the environment already runs. */
    @Override
    public List<GateSpec> triggerStepGates(List<GateSpec> environmentGates) {
      return List.of();
    }

    @Override
    public Future<SourcePinner.Snapshot> pin(
        SourcePinner pinner, Application source, PromotionTemplate template) {
      return pinner.pin(source, template);
    }
  }

  /** A new commit of the trigger application, seen by the Git watcher. */
  record Commit(String sha) implements TriggerSource {
    public static final String PREFIX = "auto:";

    @Override
    public String triggeredBy() {
      return PREFIX + sha;
    }

    @Override
    public Optional<String> triggerCommit() {
      return Optional.of(sha);
    }

    /**
     * The environment's ARGOCD gates, run after the step's (empty) action: the commit came from
     * outside, and the release starts once the trigger application is Synced and Healthy at it.
     */
    @Override
    public List<GateSpec> triggerStepGates(List<GateSpec> environmentGates) {
      return environmentGates.stream()
          .filter(gate -> gate.kind() == GateKind.ARGOCD)
          .map(
              gate ->
                  new GateSpec(
                      gate.kind(),
                      GateWhen.AFTER,
                      gate.timeout(),
                      gate.interval(),
                      gate.http(),
                      gate.approval(),
                      gate.soak()))
          .toList();
    }

    @Override
    public Future<SourcePinner.Snapshot> pin(
        SourcePinner pinner, Application source, PromotionTemplate template) {
      return pinner.pinAt(source, template, sha);
    }
  }
}
