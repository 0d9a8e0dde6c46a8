package io.baton.gate;

import java.util.Optional;

/**
 * What a gate may know about the step it guards: the release, where the version goes, and the
 * commit the step's action made (empty before the action, or when the action made none).
 *
 * @param argocdServer the base URL of the Argo CD server that deploys the target environment
 * @param argocdApplication the name of the target's Argo CD application
 */
public record StepFacts(
    long releaseId,
    String product,
    String environment,
    String version,
    Optional<String> commit,
    String initiator,
    Optional<String> argocdServer,
    String argocdApplication) {}
