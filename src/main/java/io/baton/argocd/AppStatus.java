package io.baton.argocd;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What Argo CD says of one application: the fields of its {@code Application} resource a gate
 * reads.
 *
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}, empty when Argo CD leaves it out
 * @param sync {@code status.sync.status}
 * @param revisions {@code status.sync.revision}, then {@code status.sync.revisions} (one per source
 *     of a multi-source application): the revisions the live state was compared to
 * @param health {@code status.health.status}
 * @param operationPhase {@code status.operationState.phase} of the last sync operation, if any
 */
public record AppStatus(
    String name,
    Optional<String> namespace,
    SyncStatus sync,
    List<String> revisions,
    HealthStatus health,
    Optional<String> operationPhase) {

  public AppStatus {
    Objects.requireNonNull(name, "name");
    revisions = List.copyOf(revisions);
  }

  /** Whether Argo CD compared the application to {@code commit} (any source, any case). */
  public boolean isAt(String commit) {
    String wanted = commit.toLowerCase(Locale.ROOT);
    return revisions.stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).equals(wanted));
  }

  /**
   * Reads an {@code Application} as Argo CD's REST API returns it; absent fields read as Unknown.
   *
   * @throws IllegalArgumentException when it has no {@code metadata.name}
   */
  static AppStatus fromJson(JsonObject application) {
    JsonObject metadata = object(application, "metadata");
    String name = metadata.getString("name");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an application without metadata.name");
    }
    JsonObject status = object(application, "status");
    JsonObject sync = object(status, "sync");
    return new AppStatus(
        name,
        Optional.ofNullable(metadata.getString("namespace")).filter(s -> !s.isBlank()),
        SyncStatus.parse(sync.getString("status")),
        revisions(sync),
        HealthStatus.parse(object(status, "health").getString("status")),
        Optional.ofNullable(object(status, "operationState").getString("phase")));
  }

  private static List<String> revisions(JsonObject sync) {
    List<String> revisions = new ArrayList<>();
    Optional.ofNullable(sync.getString("revision"))
        .filter(r -> !r.isBlank())
        .ifPresent(revisions::add);
    JsonArray many = sync.getValue("revisions") instanceof JsonArray a ? a : new JsonArray();
    for (Object revision : many) {
      if (revision instanceof String r && !r.isBlank() && !revisions.contains(r)) {
        revisions.add(r);
      }
    }
    return revisions;
  }

  private static JsonObject object(JsonObject parent, String key) {
    return parent.getValue(key) instanceof JsonObject child ? child : new JsonObject();
  }
}
