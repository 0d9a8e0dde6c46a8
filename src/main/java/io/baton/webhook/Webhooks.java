package io.baton.webhook;

import io.baton.db.DatabaseUrl;
import io.baton.product.ProductService;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;

/** Builds the outgoing webhooks' parts and starts and stops them together. */
public final class Webhooks {
  private final Deliverer deliverer;
  private final WebhookService service;

  public Webhooks(
      Vertx vertx,
      Pool pool,
      DatabaseUrl database,
      Clock clock,
      WebhookOptions options,
      ProductService products) {
    this.deliverer =
        new Deliverer(
            vertx,
            pool,
            database,
            clock,
            options,
            List.of(new CloudEventPayload(), new SlackPayload()));
    this.service = new WebhookService(pool, products, clock, deliverer::wake);
  }

  public WebhookService service() {
    return service;
  }

  /**
   * @param baseUrl where people reach this Baton, for links in deliveries (no trailing slash)
   */
  public void start(String baseUrl) {
    deliverer.start(baseUrl);
  }

  public void stop() {
    deliverer.stop();
  }
}
