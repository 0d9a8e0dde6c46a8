package io.baton.webhook;

import io.baton.Names;
import io.baton.audit.Audit;
import io.baton.db.PgErrors;
import io.baton.error.BatonException;
import io.baton.product.Product;
import io.baton.product.ProductService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Webhooks: created and deleted by an administrator, each change audited in its own transaction;
 * their deliveries, newest first; and a delivery sent again by hand.
 */
public final class WebhookService {
  static final int MAX_SECRET_LENGTH = 1024;

  private final Pool pool;
  private final ProductService products;
  private final Clock clock;
  private final Runnable wake;

  WebhookService(Pool pool, ProductService products, Clock clock, Runnable wake) {
    this.pool = pool;
    this.products = products;
    this.clock = clock;
    this.wake = wake;
  }

  /**
   * A new webhook. {@code product} null: every product's events; {@code format} null: CLOUDEVENTS;
   * {@code secret} may be null only for SLACK (whose URL is its secret).
   */
  public record NewWebhook(
      String name,
      String url,
      String secret,
      List<WebhookEvent> events,
      String product,
      WebhookFormat format) {}

  public Future<List<Webhook>> list() {
    return pool.query(WebhookSql.LIST).execute().map(WebhookService::all);
  }

  public Future<Webhook> find(String name) {
    return pool.preparedQuery(WebhookSql.BY_NAME)
        .execute(Tuple.of(name))
        .map(rows -> rows.size() == 0 ? null : Webhook.from(rows.iterator().next()));
  }

  public Future<Webhook> create(NewWebhook input, Audit audit) {
    String name = Names.require("webhook", input.name());
    String url = WebhookUrl.require(input.url());
    WebhookFormat format = input.format() == null ? WebhookFormat.CLOUDEVENTS : input.format();
    String secret = validSecret(input.secret(), format);
    String[] events = validEvents(input.events());
    Future<Long> productId =
        input.product() == null
            ? Future.succeededFuture(null)
            : products.get(input.product()).map(Product::id);
    return productId
        .compose(
            product ->
                audit.withTransaction(
                    pool,
                    sql ->
                        sql.preparedQuery(WebhookSql.INSERT)
                            .execute(Tuple.of(name, url, secret, events, product, format.name()))
                            .map(rows -> Webhook.from(rows.iterator().next()))))
        .recover(
            failure ->
                Future.failedFuture(
                    PgErrors.is(failure, PgErrors.UNIQUE_VIOLATION)
                        ? BatonException.conflict("webhook \"" + name + "\" already exists")
                        : failure));
  }

  /** Deletes the webhook and its deliveries; one being sent is sent, its outcome not recorded. */
  public Future<Webhook> delete(String name, Audit audit) {
    return audit.withTransaction(
        pool,
        sql ->
            sql.preparedQuery(WebhookSql.DELETE)
                .execute(Tuple.of(name))
                .map(
                    rows -> {
                      if (rows.size() == 0) {
                        throw BatonException.notFound("webhook", name);
                      }
                      return Webhook.from(rows.iterator().next());
                    }));
  }

  /** A webhook's deliveries, newest first: at most {@code limit}, below {@code before} if given. */
  public Future<List<WebhookDelivery>> deliveries(long webhookId, Long before, int limit) {
    return pool.preparedQuery(before == null ? WebhookSql.DELIVERIES : WebhookSql.DELIVERIES_BEFORE)
        .execute(before == null ? Tuple.of(webhookId, limit) : Tuple.of(webhookId, limit, before))
        .map(WebhookService::deliveries);
  }

  /**
   * Sends a delivery's event again, as a new delivery at the end of its webhook's queue (with the
   * same CloudEvents id, so the receiver can tell it is the same event). A delivery still pending
   * is on its way already: CONFLICT.
   */
  public Future<WebhookDelivery> redeliver(long deliveryId, Audit audit) {
    String id = Long.toString(deliveryId);
    return audit
        .withTransaction(
            pool,
            sql ->
                sql.preparedQuery(WebhookSql.STATUS_OF_DELIVERY)
                    .execute(Tuple.of(deliveryId))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            throw BatonException.notFound("webhook delivery", id);
                          }
                          if (DeliveryStatus.PENDING
                              .name()
                              .equals(rows.iterator().next().getString("status"))) {
                            throw BatonException.conflict(
                                "webhook delivery "
                                    + id
                                    + " is still pending: it is being sent already");
                          }
                          return sql.preparedQuery(WebhookSql.REDELIVER)
                              .execute(
                                  Tuple.of(deliveryId, clock.instant().atOffset(ZoneOffset.UTC)));
                        })
                    .map(rows -> rows.iterator().next().getLong("id")))
        .compose(this::delivery)
        .onSuccess(d -> wake.run());
  }

  /**
   * Sends the webhook a TEST event now, whatever event types it wants: a new delivery at the end of
   * its queue, sent by the deliverer like any other.
   */
  public Future<WebhookDelivery> test(String name, Audit audit) {
    return audit
        .withTransaction(
            pool,
            sql ->
                sql.preparedQuery(WebhookSql.TEST)
                    .execute(Tuple.of(name, clock.instant().atOffset(ZoneOffset.UTC)))
                    .map(
                        rows -> {
                          if (rows.size() == 0) {
                            throw BatonException.notFound("webhook", name);
                          }
                          return rows.iterator().next().getLong("id");
                        }))
        .compose(this::delivery)
        .onSuccess(d -> wake.run());
  }

  private Future<WebhookDelivery> delivery(long id) {
    return pool.preparedQuery(WebhookSql.DELIVERY)
        .execute(Tuple.of(id))
        .map(rows -> WebhookDelivery.from(rows.iterator().next()));
  }

  private static String validSecret(String secret, WebhookFormat format) {
    if (secret == null || secret.isEmpty()) {
      if (format == WebhookFormat.CLOUDEVENTS) {
        throw BatonException.badInput(
            "a CLOUDEVENTS webhook needs a secret: every delivery is signed with it");
      }
      return null;
    }
    if (secret.length() > MAX_SECRET_LENGTH) {
      throw BatonException.badInput(
          "webhook secret is longer than " + MAX_SECRET_LENGTH + " characters");
    }
    return secret;
  }

  private static String[] validEvents(List<WebhookEvent> events) {
    if (events == null || events.isEmpty()) {
      throw BatonException.badInput("a webhook needs at least one event type");
    }
    if (events.contains(WebhookEvent.TEST)) {
      throw BatonException.badInput(
          "a webhook cannot ask for TEST events: testWebhook sends one to any webhook");
    }
    return new LinkedHashSet<>(events).stream().map(Enum::name).toArray(String[]::new);
  }

  private static List<Webhook> all(RowSet<Row> rows) {
    List<Webhook> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(Webhook.from(row)));
    return list;
  }

  private static List<WebhookDelivery> deliveries(RowSet<Row> rows) {
    List<WebhookDelivery> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(WebhookDelivery.from(row)));
    return list;
  }
}
