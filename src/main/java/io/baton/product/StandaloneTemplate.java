package io.baton.product;

import io.baton.flow.KeptFields;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * A promotion template of its own (the vendor's standalone PromotionTemplate), which products name
 * by {@code promotionTemplateRef}.
 *
 * @param selector the vendor's {@code applicationSourceSelector} as written (matchLabels,
 *     matchExpressions), null when none
 * @param priority the vendor's priority among templates whose selectors match
 */
public record StandaloneTemplate(
    String name, int priority, Object selector, PromotionTemplate template) {

  static StandaloneTemplate from(Row row) {
    Object selector = row.getValue("selector");
    return new StandaloneTemplate(
        row.getString("name"),
        row.getInteger("priority"),
        selector instanceof JsonObject json && !json.isEmpty() ? KeptFields.plain(json) : null,
        PromotionTemplate.fromJson((JsonObject) row.getValue("template")));
  }
}
