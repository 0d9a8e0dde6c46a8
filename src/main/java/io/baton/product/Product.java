package io.baton.product;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * @param autoTriggerPaused whether an administrator paused its automatic triggers: no commit starts
 *     a release of it meanwhile
 * @param autoTriggerPauseReason why, as the administrator said; null when not paused or not said
 */
public record Product(
    long id,
    String name,
    Concurrency concurrency,
    PromotionTemplate promotionTemplate,
    boolean autoTriggerPaused,
    String autoTriggerPauseReason) {

  /** A product whose automatic triggers are not paused. */
  public Product(
      long id, String name, Concurrency concurrency, PromotionTemplate promotionTemplate) {
    this(id, name, concurrency, promotionTemplate, false, null);
  }

  static Product from(Row row) {
    Object template = row.getValue("promotion_template");
    return new Product(
        row.getLong("id"),
        row.getString("name"),
        Concurrency.valueOf(row.getString("concurrency")),
        template instanceof JsonObject json ? PromotionTemplate.fromJson(json) : null,
        Boolean.TRUE.equals(row.getBoolean("auto_trigger_paused")),
        row.getString("auto_trigger_pause_reason"));
  }
}
