package io.baton.release;

import java.util.ArrayList;
import java.util.List;

/** Every statement about releases, steps and events, in one place. */
final class ReleaseSql {
  private ReleaseSql() {}

  static final String RELEASE_COLUMNS =
      """
      id, product_id, flow_id, flow_name, source_application_id, trigger_environment_id, source_commit, version,
      status, message, triggered_by, timeout_ms, created_at, started_at, finished_at, deadline_at, revision""";

  static final String STEP_COLUMNS =
      """
      s.release_id, s.environment_id, e.name AS environment_name, e.kind AS environment_kind,
      e.position AS environment_position, s.position, s.depends_on, s.action,
      s.application_id, s.status, s.message, s.commit_sha, s.version, s.attempt, s.started_at, s.finished_at,
      s.lease_owner, s.lease_until, s.revision, s.held, s.hold_check_at, s.hold_version, s.freeze_override""";

  /** The same step columns, named with a {@code s_} prefix, for reading them beside a release's. */
  static final String STEP_COLUMNS_PREFIXED =
      """
      s.release_id AS s_release_id, s.environment_id AS s_environment_id, e.name AS s_environment_name,
      e.kind AS s_environment_kind, e.position AS s_environment_position, s.position AS s_position,
      s.depends_on AS s_depends_on, s.action AS s_action, s.application_id AS s_application_id,
      s.status AS s_status, s.message AS s_message, s.commit_sha AS s_commit_sha, s.version AS s_version,
      s.attempt AS s_attempt, s.started_at AS s_started_at, s.finished_at AS s_finished_at,
      s.lease_owner AS s_lease_owner, s.lease_until AS s_lease_until, s.revision AS s_revision,
      s.held AS s_held, s.hold_check_at AS s_hold_check_at, s.hold_version AS s_hold_version,
      s.freeze_override AS s_freeze_override""";

  static final String NEXT_IDS =
      "SELECT nextval(pg_get_serial_sequence('release', 'id')) AS id FROM generate_series(1, $1)";

  static final String LOCK_PRODUCTS =
      "SELECT id FROM product WHERE id = ANY($1) ORDER BY id FOR UPDATE";

  static final String LOCK_RELEASES =
      "SELECT " + RELEASE_COLUMNS + " FROM release WHERE id = ANY($1) ORDER BY id FOR UPDATE";

  static final String RELEASE_BY_ID = "SELECT " + RELEASE_COLUMNS + " FROM release WHERE id = $1";

  static final String RELEASES_BY_IDS =
      "SELECT " + RELEASE_COLUMNS + " FROM release WHERE id = ANY($1)";

  static final String STEPS_OF =
      "SELECT "
          + STEP_COLUMNS
          + " FROM release_step s JOIN environment e ON e.id = s.environment_id WHERE s.release_id = ANY($1)"
          + " ORDER BY s.release_id, s.position";

  /**
   * Releases that hold their product's place: the one running (or suspended), and those queued
   * behind it.
   */
  static final String ACTIVE_OF_PRODUCTS =
      """
      SELECT product_id, id, status FROM release
      WHERE product_id = ANY($1) AND status IN ('QUEUED', 'RUNNING', 'SUSPENDED')
      ORDER BY product_id, id""";

  /** Releases in one statement, one array per column (revision 0 for all). */
  static final String INSERT_RELEASES =
      """
      INSERT INTO release (id, product_id, flow_id, flow_name, source_application_id, trigger_environment_id,
                           source_commit, version, status, message, triggered_by, timeout_ms, created_at, started_at,
                           finished_at, deadline_at, trigger_commit, revision)
      SELECT *, 0 FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[],
                              $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[],
                              $13::timestamptz[], $14::timestamptz[], $15::timestamptz[], $16::timestamptz[],
                              $17::text[])""";

  /**
   * Steps in one statement, one array per column. {@code depends_on} comes as text ("{1,2}"): an
   * array of arrays would be unnested into single values.
   */
  static final String INSERT_STEPS =
      """
      INSERT INTO release_step (release_id, environment_id, position, depends_on, action, application_id, status,
                                message, commit_sha, version, attempt, started_at, finished_at, lease_owner, lease_until)
      SELECT release_id, environment_id, position, depends_on::bigint[], action, application_id, status, message,
             commit_sha, version, attempt, started_at, finished_at, lease_owner, lease_until
      FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[],
                  $9::text[], $10::text[], $11::int[], $12::timestamptz[], $13::timestamptz[], $14::text[],
                  $15::timestamptz[])
        AS s(release_id, environment_id, position, depends_on, action, application_id, status, message, commit_sha,
             version, attempt, started_at, finished_at, lease_owner, lease_until)""";

  /**
   * Many releases in one statement, each only if its revision is still the one read
   * (compare-and-set).
   */
  static final String UPDATE_RELEASES =
      """
      UPDATE release r SET status = u.status, message = u.message, started_at = u.started_at,
                           finished_at = u.finished_at, deadline_at = u.deadline_at, revision = r.revision + 1
      FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[],
                  $7::int[]) AS u(id, status, message, started_at, finished_at, deadline_at, revision)
      WHERE r.id = u.id AND r.revision = u.revision""";

  /** Many steps in one statement, compare-and-set as {@link #UPDATE_RELEASES}. */
  static final String UPDATE_STEPS =
      """
      UPDATE release_step s SET status = u.status, message = u.message, commit_sha = u.commit_sha,
                                version = u.version, attempt = u.attempt, started_at = u.started_at,
                                finished_at = u.finished_at, lease_owner = u.lease_owner, lease_until = u.lease_until,
                                held = u.held, hold_check_at = u.hold_check_at, hold_version = u.hold_version,
                                freeze_override = u.freeze_override, revision = s.revision + 1
      FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
                  $8::timestamptz[], $9::timestamptz[], $10::text[], $11::timestamptz[], $12::int[],
                  $13::boolean[], $14::timestamptz[], $15::bigint[], $16::text[])
        AS u(release_id, environment_id, status, message, commit_sha, version, attempt, started_at, finished_at,
             lease_owner, lease_until, revision, held, hold_check_at, hold_version, freeze_override)
      WHERE s.release_id = u.release_id AND s.environment_id = u.environment_id AND s.revision = u.revision""";

  static final String INSERT_EVENTS =
      """
      INSERT INTO release_event (at, release_id, product_id, environment_id, status, previous_status, message)
      SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[])""";

  /**
   * Claims running steps nobody holds (a fresh step, or one whose holder's lease ran out: that is a
   * new attempt) and terminated steps whose action's outcome is still unknown and whose lease ran
   * out (the same attempt, to be settled), and returns what the action needs.
   */
  static final String CLAIM =
      """
      WITH running AS (
        SELECT release_id, environment_id FROM release_step
        WHERE status = 'RUNNING' AND (lease_until IS NULL OR lease_until < $1)
          AND NOT EXISTS (
            SELECT 1 FROM release_gate g
            WHERE g.release_id = release_step.release_id AND g.environment_id = release_step.environment_id
              AND CASE WHEN g."when" = 'BEFORE' THEN g.status <> 'PASSED' ELSE g.status <> 'PENDING' END)
        ORDER BY lease_until NULLS FIRST
        LIMIT $3
        FOR UPDATE SKIP LOCKED
      ), settling AS (
        SELECT release_id, environment_id FROM release_step
        WHERE status = 'TERMINATED' AND lease_owner IS NOT NULL AND lease_until < $1
        ORDER BY lease_until
        LIMIT $3
        FOR UPDATE SKIP LOCKED
      ), due AS (
        SELECT * FROM running UNION ALL SELECT * FROM settling
      )
      UPDATE release_step s
      SET lease_owner = $2, lease_until = $4,
          attempt = CASE WHEN s.lease_owner IS NULL OR s.status = 'TERMINATED' THEN s.attempt ELSE s.attempt + 1 END,
          revision = s.revision + 1
      FROM due, release r
      WHERE s.release_id = due.release_id AND s.environment_id = due.environment_id AND r.id = s.release_id
      RETURNING s.release_id, s.environment_id, s.attempt, s.action, s.status, r.product_id,
                r.version AS release_version""";

  /** What claimed steps' actions need to know; $1 and $2 pair release and environment ids. */
  static final String WORK_OF =
      """
      SELECT s.release_id, s.environment_id, s.attempt, s.action, s.status, s.application_id, e.name AS environment_name,
             r.product_id, p.name AS product_name, r.source_application_id, r.source_commit,
             COALESCE((SELECT t.template FROM promotion_template t WHERE t.name = p.promotion_template_ref),
                      p.promotion_template) AS promotion_template,
             r.version AS release_version, se.name AS source_environment_name
      FROM release_step s
      JOIN release r ON r.id = s.release_id
      JOIN product p ON p.id = r.product_id
      JOIN environment e ON e.id = s.environment_id
      LEFT JOIN application sa ON sa.id = r.source_application_id
      LEFT JOIN environment se ON se.id = sa.environment_id
      JOIN unnest($1::bigint[], $2::bigint[]) AS w(release_id, environment_id)
        ON s.release_id = w.release_id AND s.environment_id = w.environment_id""";

  static final String IS_CURRENT =
      """
      SELECT 1 FROM release_step
      WHERE release_id = $1 AND environment_id = $2 AND attempt = $3 AND status = 'RUNNING'""";

  static final String RENEW_LEASE =
      """
      UPDATE release_step SET lease_until = $5
      WHERE release_id = $1 AND environment_id = $2 AND attempt = $3 AND lease_owner = $4
        AND status IN ('RUNNING', 'TERMINATED')""";

  static final String PAST_DEADLINE =
      """
      SELECT id FROM release
      WHERE status IN ('QUEUED', 'RUNNING', 'SUSPENDED') AND deadline_at <= $1
      ORDER BY deadline_at LIMIT 100""";

  /**
   * A page of releases, newest first, with only the filters given: one statement per combination,
   * so that each has a plan that uses its index (a single statement with {@code $1 IS NULL OR ...}
   * gets a generic plan that reads the whole table). Parameters are numbered in the order product,
   * flow, status, before, limit, skipping filters not given.
   */
  static String page(boolean byProduct, boolean byFlow, boolean byStatus, boolean before) {
    List<String> where = new ArrayList<>();
    int n = 0;
    if (byProduct) {
      where.add("r.product_id = $" + ++n);
    }
    if (byFlow) {
      where.add("r.flow_name = $" + ++n);
    }
    if (byStatus) {
      where.add("r.status = $" + ++n);
    }
    if (before) {
      where.add("r.id < $" + ++n);
    }
    return "SELECT "
        + RELEASE_COLUMNS_OF_R
        + " FROM release r"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY r.id DESC LIMIT $"
        + ++n;
  }

  /**
   * A page as {@link #page} has it, with each release's steps (one row per step, releases newest
   * first, a release's steps in no particular order: the reader sorts them, which spares the
   * database a sort): the list and its steps in one statement, so one snapshot and one round trip.
   */
  static String pageWithSteps(boolean byProduct, boolean byFlow, boolean byStatus, boolean before) {
    // LATERAL with OFFSET 0 (which keeps the planner from flattening it): the steps are looked up
    // release by
    // release, by the primary key. A plain join leaves the planner, which cannot see the limit's
    // value in a
    // generic plan, free to read and sort every step in the table.
    return "SELECT r.*, "
        + STEP_COLUMNS_PREFIXED
        + " FROM ("
        + page(byProduct, byFlow, byStatus, before)
        + ") r"
        + " LEFT JOIN LATERAL (SELECT * FROM release_step s WHERE s.release_id = r.id OFFSET 0) s ON true"
        + " LEFT JOIN environment e ON e.id = s.environment_id"
        + " ORDER BY r.id DESC";
  }

  /**
   * The newest releases of each of many products ($1), at most $2 each, below release $3 when
   * {@code before}: one statement for a list of products, each product's releases read by its own
   * walk of release_product_newest. The product list comes with its order (products, then newest
   * first).
   */
  static String pageOfProducts(boolean before) {
    return "SELECT r.* FROM unnest($1::bigint[]) AS p(id) CROSS JOIN LATERAL (SELECT "
        + RELEASE_COLUMNS_OF_R
        + " FROM release r WHERE r.product_id = p.id"
        + (before ? " AND r.id < $3" : "")
        + " ORDER BY r.id DESC LIMIT $2) r";
  }

  private static final String RELEASE_COLUMNS_OF_R =
      """
      r.id, r.product_id, r.flow_id, r.flow_name, r.source_application_id, r.trigger_environment_id,
      r.source_commit, r.version, r.status, r.message, r.triggered_by, r.timeout_ms, r.created_at,
      r.started_at, r.finished_at, r.deadline_at, r.revision""";

  /**
   * A release with its steps, one row per step: one statement, so one snapshot (a step never newer
   * than the release's status beside it).
   */
  static final String RELEASE_WITH_STEPS_BY_ID =
      "SELECT r.*, "
          + STEP_COLUMNS_PREFIXED
          + " FROM (SELECT "
          + RELEASE_COLUMNS_OF_R
          + " FROM release r WHERE r.id = $1) r"
          + " LEFT JOIN release_step s ON s.release_id = r.id"
          + " LEFT JOIN environment e ON e.id = s.environment_id";

  /**
   * Settled events after a cursor: below the oldest running transaction, so none can still appear
   * before them.
   */
  static final String EVENTS_AFTER =
      """
      SELECT id, txid, at, release_id, product_id, environment_id, status, previous_status, message
      FROM release_event
      WHERE (txid, id) > ($1, $2) AND txid < txid_snapshot_xmin(txid_current_snapshot())
        AND ($3::bigint IS NULL OR release_id = $3)
        AND ($4::bigint IS NULL OR product_id = $4)
        AND ($5::bigint IS NULL OR (txid, id) <= ($5, $6))
      ORDER BY txid, id
      LIMIT $7""";

  /**
   * The same for one release, its own statement so that the plan always walks
   * release_event_release: with "$3 IS NULL OR release_id = $3" a generic plan reads the whole
   * event index to replay one release.
   */
  static final String EVENTS_OF_RELEASE_AFTER =
      """
      SELECT id, txid, at, release_id, product_id, environment_id, status, previous_status, message
      FROM release_event
      WHERE release_id = $3 AND (txid, id) > ($1, $2) AND txid < txid_snapshot_xmin(txid_current_snapshot())
        AND ($4::bigint IS NULL OR product_id = $4)
        AND ($5::bigint IS NULL OR (txid, id) <= ($5, $6))
      ORDER BY txid, id
      LIMIT $7""";

  /**
   * The newest event retention deleted (io.baton.retention): a replay from a cursor below it would
   * miss events.
   */
  static final String RETENTION_HORIZON = "SELECT txid, id FROM retention_horizon";

  static final String LATEST_SETTLED_EVENT =
      """
      SELECT txid, id FROM release_event
      WHERE txid < txid_snapshot_xmin(txid_current_snapshot())
      ORDER BY txid DESC, id DESC LIMIT 1""";

  /** The gates of the steps of these releases. */
  static final String GATES_OF =
      """
      SELECT release_id, environment_id, position, spec, status, message, attempt, started_at, passed_at, state,
             next_check_at, revision
      FROM release_gate WHERE release_id = ANY($1) ORDER BY release_id, environment_id, position""";

  static final String INSERT_GATES =
      """
      INSERT INTO release_gate (release_id, environment_id, position, spec, "when")
      SELECT u.release_id, u.environment_id, u.position, u.spec::jsonb, u.gate_when
      FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::text[], $5::text[])
        AS u(release_id, environment_id, position, spec, gate_when)""";

  /** Gates are written under their release's lock, so they need no compare-and-set of their own. */
  static final String UPDATE_GATES =
      """
      UPDATE release_gate g SET status = u.status, message = u.message, attempt = u.attempt,
                                started_at = u.started_at, passed_at = u.passed_at, state = u.state::jsonb,
                                next_check_at = u.next_check_at, revision = g.revision + 1
      FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::text[], $5::text[], $6::int[], $7::timestamptz[],
                  $8::timestamptz[], $9::text[], $10::timestamptz[])
        AS u(release_id, environment_id, position, status, message, attempt, started_at, passed_at, state,
             next_check_at)
      WHERE g.release_id = u.release_id AND g.environment_id = u.environment_id AND g.position = u.position""";

  /**
   * Claims up to $2 gates due for a check ($1: now) whose step still waits on them, moving their
   * next check to $3 (the checker's lease: a checker that dies leaves them to come due again), with
   * the facts a gate may know.
   */
  static final String CLAIM_GATES =
      """
      WITH due AS (
        SELECT g.release_id, g.environment_id, g.position FROM release_gate g
        JOIN release_step s ON s.release_id = g.release_id AND s.environment_id = g.environment_id
        WHERE g.status IN ('RUNNING', 'SUSPENDED') AND g.next_check_at <= $1
          AND s.status IN ('RUNNING', 'SUSPENDED') AND s.attempt = g.attempt
        ORDER BY g.next_check_at
        LIMIT $2
        FOR UPDATE OF g SKIP LOCKED
      )
      UPDATE release_gate g SET next_check_at = $3
      FROM due, release_step s, release r, product p, environment e
      WHERE g.release_id = due.release_id AND g.environment_id = due.environment_id AND g.position = due.position
        AND s.release_id = g.release_id AND s.environment_id = g.environment_id
        AND r.id = g.release_id AND p.id = r.product_id AND e.id = g.environment_id
      RETURNING g.release_id, g.environment_id, g.position, g.spec, g.attempt, g.started_at, g.state, g.revision,
                r.product_id, p.name AS product_name, e.name AS environment_name, r.version, r.triggered_by,
                s.commit_sha, e.argocd_server,
                (SELECT coalesce(a.argocd_application, a.name) FROM application a WHERE a.id = s.application_id)
                  AS argocd_application""";

  static final String APPROVALS_OF =
      """
      SELECT "by", role, approved, comment, at FROM release_approval
      WHERE release_id = $1 AND environment_id = $2 AND attempt = $3 ORDER BY at, "by\"""";

  /** The gates of many steps ($1 and $2 pair release and environment ids), in order. */
  static final String GATES_OF_STEPS =
      """
      SELECT g.release_id, g.environment_id, g.position, g.spec, g.status, g.message, g.attempt, g.started_at,
             g.passed_at, g.state, g.next_check_at, g.revision
      FROM release_gate g
      JOIN unnest($1::bigint[], $2::bigint[]) AS w(release_id, environment_id)
        ON g.release_id = w.release_id AND g.environment_id = w.environment_id
      ORDER BY g.release_id, g.environment_id, g.position""";

  /**
   * The answers given to many steps' attempts ($1, $2 and $3 pair release, environment and
   * attempt), oldest first.
   */
  static final String APPROVALS_OF_STEPS =
      """
      SELECT a.release_id, a.environment_id, a.attempt, a."by", a.role, a.approved, a.comment, a.at
      FROM release_approval a
      JOIN unnest($1::bigint[], $2::bigint[], $3::int[]) AS w(release_id, environment_id, attempt)
        ON a.release_id = w.release_id AND a.environment_id = w.environment_id AND a.attempt = w.attempt
      ORDER BY a.at, a."by\"""";

  static final String INSERT_APPROVAL =
      """
      INSERT INTO release_approval (release_id, environment_id, attempt, "by", role, approved, comment, at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

  /**
   * The waiting gates of a step come due at once (an answer was given); the new revision fences off
   * the outcome of a check already under way, which did not see the answer.
   */
  static final String GATES_DUE_NOW =
      """
      UPDATE release_gate SET next_check_at = $4, revision = revision + 1
      WHERE release_id = $1 AND environment_id = $2 AND attempt = $3 AND status IN ('RUNNING', 'SUSPENDED')""";

  /** What a hold may know of a step: joined to the step's environment and application. */
  private static final String HOLD_SUBJECT =
      """
      SELECT s.release_id, s.environment_id, s.attempt, r.product_id, e.name AS environment_name,
             s.application_id, a.name AS application_name, s.freeze_override
      FROM release_step s
      JOIN release r ON r.id = s.release_id
      JOIN environment e ON e.id = s.environment_id
      LEFT JOIN application a ON a.id = s.application_id""";

  /** The hold subjects of many steps ($1 and $2 pair release and environment ids). */
  static final String HOLD_SUBJECTS_OF =
      HOLD_SUBJECT
          + """

      JOIN unnest($1::bigint[], $2::bigint[]) AS w(release_id, environment_id)
        ON s.release_id = w.release_id AND s.environment_id = w.environment_id""";

  /**
   * Held steps due to be judged again ($1: now; $2: the line's version): what held them ends, or
   * the line changed since they were judged.
   */
  static final String HELD_DUE =
      HOLD_SUBJECT
          + """

      WHERE s.held AND s.status = 'SUSPENDED' AND (s.hold_check_at <= $1 OR s.hold_version < $2)
      LIMIT $3""";
}
