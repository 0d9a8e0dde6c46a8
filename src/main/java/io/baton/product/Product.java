package io.baton.product;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

public record Product(
    long id, String name, Concurrency concurrency, PromotionTemplate promotionTemplate) {

  static Product from(Row row) {
    Object template = row.getValue("promotion_template");
    return new Product(
        row.getLong("id"),
        row.getString("name"),
        Concurrency.valueOf(row.getString("concurrency")),
        template instanceof JsonObject json ? PromotionTemplate.fromJson(json) : null);
  }
}
