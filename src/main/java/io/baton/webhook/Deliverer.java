package io.baton.webhook;

import io.baton.db.Coalescer;
import io.baton.db.DatabaseUrl;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox, on every instance. A round first feeds the webhooks: each one whose queue runs
 * short gets deliveries for the next events it wants from the release event log, which is the
 * outbox (the SQL function {@code webhook_feed}, migration V10). Then it claims due deliveries
 * ({@code FOR UPDATE SKIP LOCKED}, under a lease, at most one per webhook and only its first
 * pending one, so each webhook's deliveries go out in order), POSTs each, and records the attempt
 * and what follows it ({@link Retry}) only if its claim still holds. A deliverer that dies leaves
 * its claims to run out and be taken by another. At most {@link WebhookOptions#maxInFlight} POSTs
 * are under way at once, each bounded by the request timeout, so a receiver that hangs holds one of
 * them, for that long, and nothing of the engine's. Woken by every commit of release events (the
 * release event feed's NOTIFY), by each finished delivery (its webhook's next may go) and by a
 * poll.
 */
final class Deliverer {
  private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

  /** The channel the release event feed NOTIFYs after each commit of events. */
  static final String EVENTS_CHANNEL = "baton_events";

  /**
   * Notifications of events, which come as fast as the engine commits, wake the deliverer at most
   * once in this interval, so that a busy engine is not answered with as many claims.
   */
  static final Duration NOTIFY_COALESCE = Duration.ofMillis(20);

  /**
   * A webhook is fed once fewer than this many of its deliveries are pending, so its queue is never
   * empty while events wait and never much longer than one feed.
   */
  static final int FEED_BACKLOG = 100;

  /** Events read for one webhook by one feed. */
  static final int FEED_SCAN = 1000;

  /**
   * Feeds in one round at most: a webhook that wants few of many events reads up to this many times
   * {@link #FEED_SCAN} events a round, and another round follows shortly.
   */
  static final int FEED_ROUNDS = 10;

  private final Vertx vertx;
  private final Pool pool;
  private final DatabaseUrl database;
  private final Clock clock;
  private final WebhookOptions options;
  private final Retry retry;
  private final Sender sender;
  private final Map<WebhookFormat, Payload> payloads;
  private final String owner = "webhooks-" + UUID.randomUUID();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Coalescer<Void, Void> claims = new Coalescer<>(Integer.MAX_VALUE, 1, this::claim);
  private final Context context;

  private volatile String baseUrl;
  private volatile boolean stopped;
  private long timer = -1;
  private PgConnection listener;
  private boolean wakeScheduled;

  Deliverer(
      Vertx vertx,
      Pool pool,
      DatabaseUrl database,
      Clock clock,
      WebhookOptions options,
      List<Payload> payloads) {
    this.vertx = vertx;
    this.pool = pool;
    this.database = database;
    this.clock = clock;
    this.options = options;
    this.retry = options.retry();
    this.sender = new Sender(vertx, options.requestTimeout(), options.maxInFlight());
    this.payloads =
        payloads.stream().collect(Collectors.toUnmodifiableMap(Payload::format, p -> p));
    this.context = vertx.getOrCreateContext();
    registerMeters();
  }

  /**
   * baton_webhook_in_flight, and baton_webhook_attempts_total by outcome (Prometheus, /metrics).
   */
  private void registerMeters() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry == null) {
      return;
    }
    Gauge.builder("baton_webhook_in_flight", inFlight, AtomicInteger::get)
        .description("Webhook deliveries this instance is sending now")
        .register(registry);
    for (DeliveryStatus status : DeliveryStatus.values()) {
      Counter.builder("baton_webhook_attempts")
          .description("Webhook delivery attempts, by the delivery's status after them")
          .tag("outcome", status.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  private void countAttempt(DeliveryStatus status) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry != null) {
      registry
          .counter("baton_webhook_attempts", "outcome", status.name().toLowerCase(Locale.ROOT))
          .increment();
    }
  }

  /**
   * @param baseUrl where people reach this Baton (links in deliveries), without a trailing slash
   */
  void start(String baseUrl) {
    this.baseUrl = baseUrl;
    context.runOnContext(
        v -> {
          timer = vertx.setPeriodic(options.poll().toMillis(), id -> wake());
          listen();
          wake();
        });
  }

  void stop() {
    stopped = true;
    context.runOnContext(
        v -> {
          vertx.cancelTimer(timer);
          if (listener != null) {
            listener.close();
          }
        });
    sender.close();
  }

  /** Looks for due deliveries now. */
  void wake() {
    if (!stopped) {
      claims.submit(null);
    }
  }

  /** Looks for due deliveries shortly, once for all the notifications until then. */
  private void wakeSoon() {
    context.runOnContext(
        v -> {
          if (!wakeScheduled) {
            wakeScheduled = true;
            vertx.setTimer(
                NOTIFY_COALESCE.toMillis(),
                id -> {
                  wakeScheduled = false;
                  wake();
                });
          }
        });
  }

  private Future<Void> claim(List<Coalescer.Request<Void, Void>> wakes) {
    int room = options.maxInFlight() - inFlight.get();
    if (room <= 0 || stopped) {
      wakes.forEach(w -> w.complete(null));
      return Future.succeededFuture();
    }
    return feed(FEED_ROUNDS)
        .compose(fed -> claimDue(room))
        .onComplete(done -> wakes.forEach(w -> w.complete(null)));
  }

  /**
   * Feeds the webhooks whose queues run short, again while one may have more to read, at most
   * {@code rounds} times. A failure is logged and leaves the feed to the next round.
   */
  private Future<Void> feed(int rounds) {
    return pool.preparedQuery(WebhookSql.FEED)
        .execute(Tuple.of(FEED_BACKLOG, FEED_SCAN))
        .compose(
            rows -> {
              boolean more = rows.iterator().next().getInteger(0) >= FEED_SCAN && !stopped;
              if (more && rounds > 1) {
                return feed(rounds - 1);
              }
              if (more) {
                wakeSoon();
              }
              return Future.<Void>succeededFuture();
            })
        .recover(
            failure -> {
              LOG.warn("feeding webhook deliveries from the event log failed", failure);
              return Future.succeededFuture();
            });
  }

  private Future<Void> claimDue(int room) {
    Instant now = clock.instant();
    return pool.preparedQuery(WebhookSql.CLAIM)
        .execute(Tuple.of(odt(now), room, owner, odt(now.plus(options.lease()))))
        .map(
            rows -> {
              List<DueDelivery> due = new ArrayList<>(rows.size());
              for (Row row : rows) {
                due.add(DueDelivery.from(row));
              }
              return due;
            })
        .onSuccess(due -> due.forEach(this::send))
        .onFailure(failure -> LOG.warn("claiming webhook deliveries failed", failure))
        .<Void>mapEmpty()
        .recover(failure -> Future.succeededFuture());
  }

  private void send(DueDelivery delivery) {
    inFlight.incrementAndGet();
    Payload payload = payloads.get(delivery.format());
    Buffer body = payload.body(delivery, baseUrl);
    Instant started = clock.instant();
    long startedNanos = System.nanoTime();
    sender
        .post(delivery.url(), headers(delivery, payload, body), body)
        .compose(
            answer ->
                record(
                    delivery, answer, started, Duration.ofNanos(System.nanoTime() - startedNanos)))
        .onFailure(
            failure ->
                LOG.warn(
                    "recording delivery {} to webhook {} failed; it is sent again once its claim"
                        + " runs out",
                    delivery.id(),
                    delivery.webhook(),
                    failure))
        .onComplete(
            done -> {
              inFlight.decrementAndGet();
              wake();
            });
  }

  private static MultiMap headers(DueDelivery delivery, Payload payload, Buffer body) {
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Content-Type", payload.contentType())
            .add("User-Agent", "Baton-Webhooks")
            .add("X-Baton-Event", delivery.event().name())
            .add("X-Baton-Delivery", Long.toString(delivery.id()));
    if (delivery.secret() != null) {
      headers.add(
          Signature.HEADER,
          Signature.of(delivery.secret().getBytes(StandardCharsets.UTF_8), body.getBytes()));
    }
    return headers;
  }

  private Future<Void> record(
      DueDelivery delivery, Sender.Answer answer, Instant at, Duration took) {
    int attempts = delivery.attempts() + 1;
    Retry.Next next =
        retry.after(
            answer,
            attempts,
            delivery.createdAt(),
            clock.instant(),
            ThreadLocalRandom.current()::nextDouble);
    DeliveryStatus status = next.status();
    Instant nextAt = next instanceof Retry.Next.Again again ? again.at() : at;
    Integer responseStatus =
        answer instanceof Sender.Answer.Response response ? response.status() : null;
    String excerpt = answer instanceof Sender.Answer.Response response ? response.excerpt() : null;
    String error = error(answer);
    return pool.preparedQuery(WebhookSql.RECORD_ATTEMPT)
        .execute(
            Tuple.tuple()
                .addLong(delivery.id())
                .addInteger(delivery.claim())
                .addString(owner)
                .addString(status.name())
                .addOffsetDateTime(odt(at))
                .addInteger(responseStatus)
                .addString(excerpt)
                .addString(error)
                .addOffsetDateTime(odt(nextAt))
                .addInteger((int) Math.min(Integer.MAX_VALUE, took.toMillis())))
        .onSuccess(
            rows -> {
              countAttempt(status);
              if (rows.rowCount() == 0) {
                LOG.info(
                    "delivery {} to webhook {} was claimed by another deliverer, or deleted,"
                        + " meanwhile; its outcome is not recorded",
                    delivery.id(),
                    delivery.webhook());
              }
            })
        .mapEmpty();
  }

  private static String error(Sender.Answer answer) {
    if (answer instanceof Sender.Answer.Response response) {
      return response.delivered() ? null : "the receiver answered HTTP " + response.status();
    }
    if (answer instanceof Sender.Answer.Unreachable unreachable) {
      return unreachable.reason();
    }
    return ((Sender.Answer.Refused) answer).reason();
  }

  private void listen() {
    if (stopped) {
      return;
    }
    PgConnection.connect(vertx, database.connectOptions())
        .compose(
            connection -> {
              connection.notificationHandler(notification -> wakeSoon());
              connection.closeHandler(
                  v -> {
                    listener = null;
                    if (!stopped) {
                      vertx.setTimer(1000, id -> listen());
                    }
                  });
              listener = connection;
              if (stopped) {
                connection.close();
              }
              return connection.query("LISTEN " + EVENTS_CHANNEL).execute();
            })
        .onSuccess(v -> wake())
        .onFailure(
            failure -> {
              LOG.warn("listening for release events failed ({}); retrying", failure.getMessage());
              if (!stopped) {
                vertx.setTimer(1000, id -> listen());
              }
            });
  }

  private static OffsetDateTime odt(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
