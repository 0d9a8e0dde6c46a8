package io.baton.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import graphql.schema.idl.RuntimeWiring;
import io.baton.Services;
import io.baton.error.BatonException;
import io.baton.webhook.Webhook;
import io.baton.webhook.WebhookDelivery;
import io.baton.webhook.WebhookEvent;
import io.baton.webhook.WebhookFormat;
import io.baton.webhook.WebhookService.NewWebhook;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The webhooks' part of the schema: queries, mutations and fields (docs/api.md, Webhooks). */
final class WebhookWiring {
  private WebhookWiring() {}

  static void wire(RuntimeWiring.Builder wiring, Services services, GraphqlFactory factory) {
    wiring.type(
        newTypeWiring("Query")
            .dataFetcher(
                "webhooks", factory.guarded("Query", "webhooks", env -> services.webhooks().list()))
            .dataFetcher(
                "webhook",
                factory.guarded(
                    "Query", "webhook", env -> services.webhooks().find(env.getArgument("name")))));
    wiring.type(
        newTypeWiring("Mutation")
            .dataFetcher(
                "createWebhook",
                factory.mutation(
                    "createWebhook",
                    (env, audit) -> services.webhooks().create(newWebhook(Args.input(env)), audit)))
            .dataFetcher(
                "deleteWebhook",
                factory.mutation(
                    "deleteWebhook",
                    (env, audit) -> services.webhooks().delete(env.getArgument("name"), audit)))
            .dataFetcher(
                "redeliverWebhook",
                factory.mutation(
                    "redeliverWebhook",
                    (env, audit) ->
                        services
                            .webhooks()
                            .redeliver(deliveryId(env.getArgument("deliveryId")), audit)))
            .dataFetcher(
                "testWebhook",
                factory.mutation(
                    "testWebhook",
                    (env, audit) -> services.webhooks().test(env.getArgument("name"), audit))));
    wiring.type(
        newTypeWiring("Webhook")
            .dataFetcher(
                "product",
                env -> {
                  Long product = env.<Webhook>getSource().productId();
                  return product == null
                      ? CompletableFuture.completedFuture(null)
                      : env.getDataLoader(Loaders.PRODUCT).load(product);
                })
            .dataFetcher(
                "deliveries",
                env -> {
                  int first = Args.first(env, 100);
                  return services
                      .webhooks()
                      .deliveries(
                          env.<Webhook>getSource().id(),
                          Cursors.decodeLong(env.getArgument("after")),
                          first + 1)
                      .map(page -> Connection.of(page, first, d -> Cursors.encodeLong(d.id())))
                      .toCompletionStage();
                }));
    wiring.type(
        newTypeWiring("WebhookDelivery")
            .dataFetcher("attemptLog", env -> env.<WebhookDelivery>getSource().history()));
  }

  @SuppressWarnings("unchecked")
  private static NewWebhook newWebhook(Map<String, Object> in) {
    List<Object> events = (List<Object>) in.get("events");
    return new NewWebhook(
        Args.string(in, "name"),
        Args.string(in, "url"),
        Args.string(in, "secret"),
        events == null
            ? null
            : events.stream().map(e -> WebhookEvent.valueOf(e.toString())).toList(),
        Args.string(in, "product"),
        Args.enumValue(WebhookFormat.class, in, "format"));
  }

  private static long deliveryId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw BatonException.notFound("webhook delivery", id);
    }
  }
}
