package io.baton.product;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * @param autoTriggerPaused whether an administrator paused its automatic triggers: no commit starts
 *     a release of it meanwhile
 * @param autoTriggerPauseReason why, as the administrator said; null when not paused or not said
 * @param promotionTemplate the template a promotion follows: the named one when the product names
 *     one, else its own
 * @param promotionTemplateRef the name of the standalone template it follows; null when none
 * @param ownTemplate its own (inline) template, as configured; null when none
 */
public record Product(
    long id,
    String name,
    Concurrency concurrency,
    PromotionTemplate promotionTemplate,
    boolean autoTriggerPaused,
    String autoTriggerPauseReason,
    String promotionTemplateRef,
    PromotionTemplate ownTemplate) {

  /** A product that names no standalone template. */
  public Product(
      long id,
      String name,
      Concurrency concurrency,
      PromotionTemplate promotionTemplate,
      boolean autoTriggerPaused,
      String autoTriggerPauseReason) {
    this(
        id,
        name,
        concurrency,
        promotionTemplate,
        autoTriggerPaused,
        autoTriggerPauseReason,
        null,
        promotionTemplate);
  }

  /** A product whose automatic triggers are not paused. */
  public Product(
      long id, String name, Concurrency concurrency, PromotionTemplate promotionTemplate) {
    this(id, name, concurrency, promotionTemplate, false, null);
  }

  static Product from(Row row) {
    return new Product(
        row.getLong("id"),
        row.getString("name"),
        Concurrency.valueOf(row.getString("concurrency")),
        template(row.getValue("promotion_template")),
        Boolean.TRUE.equals(row.getBoolean("auto_trigger_paused")),
        row.getString("auto_trigger_pause_reason"),
        row.getString("promotion_template_ref"),
        template(row.getValue("own_template")));
  }

  private static PromotionTemplate template(Object column) {
    return column instanceof JsonObject json ? PromotionTemplate.fromJson(json) : null;
  }
}
