package io.baton.rollback;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions each application has had through Baton, newest first: one entry for every release
 * step that committed into it (a step that changed nothing records no commit and is left out).
 */
public final class ApplicationHistory {
  /** One version an application had: what a release's step committed into it, and when. */
  public record Entry(
      long applicationId, String version, String commitSha, long releaseId, OffsetDateTime at) {}

  /** A page of one application's history: entries of releases older than {@code before}. */
  public record Page(long applicationId, Long before, int limit) {}

  private static final String PAGE =
      """
      SELECT a.id AS application_id, h.version, h.commit_sha, h.release_id, h.finished_at
      FROM unnest($1::bigint[]) AS a(id)
      CROSS JOIN LATERAL (
        SELECT s.version, s.commit_sha, s.release_id, s.finished_at
        FROM release_step s
        WHERE s.application_id = a.id AND s.commit_sha IS NOT NULL AND s.status = 'SUCCEEDED'
          AND ($3::bigint IS NULL OR s.release_id < $3)
        ORDER BY s.release_id DESC
        LIMIT $2
      ) AS h
      ORDER BY a.id, h.release_id DESC
      """;

  private final Pool pool;

  public ApplicationHistory(Pool pool) {
    this.pool = pool;
  }

  /** Many pages in one statement per distinct bounds; an application without history gets none. */
  public Future<Map<Page, List<Entry>>> pages(Collection<Page> pages) {
    Map<List<Object>, List<Page>> byBounds = new HashMap<>();
    pages.forEach(
        page ->
            byBounds
                .computeIfAbsent(Arrays.asList(page.before(), page.limit()), k -> new ArrayList<>())
                .add(page));
    List<Future<Map<Page, List<Entry>>>> reads = new ArrayList<>();
    byBounds.values().forEach(same -> reads.add(read(same)));
    return Future.all(reads)
        .map(
            done -> {
              Map<Page, List<Entry>> all = new HashMap<>();
              reads.forEach(r -> all.putAll(r.result()));
              return all;
            });
  }

  private Future<Map<Page, List<Entry>>> read(List<Page> same) {
    Page first = same.get(0);
    Long[] ids = same.stream().map(Page::applicationId).toArray(Long[]::new);
    return pool.preparedQuery(PAGE)
        .execute(Tuple.of(ids, first.limit(), first.before()))
        .map(
            rows -> {
              Map<Long, List<Entry>> byApp = new HashMap<>();
              for (Row row : rows) {
                Entry entry =
                    new Entry(
                        row.getLong("application_id"),
                        row.getString("version"),
                        row.getString("commit_sha"),
                        row.getLong("release_id"),
                        row.getOffsetDateTime("finished_at"));
                byApp.computeIfAbsent(entry.applicationId(), k -> new ArrayList<>()).add(entry);
              }
              Map<Page, List<Entry>> result = new HashMap<>();
              same.forEach(p -> result.put(p, byApp.getOrDefault(p.applicationId(), List.of())));
              return result;
            });
  }
}
