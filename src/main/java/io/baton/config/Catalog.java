package io.baton.config;

import io.baton.environment.Environment;
import io.baton.environment.EnvironmentService;
import io.baton.flow.FlowService;
import io.baton.flow.PromotionFlow;
import io.baton.policy.PolicyService;
import io.baton.policy.PromotionPolicy;
import io.baton.product.Application;
import io.baton.product.ApplicationService;
import io.baton.product.Product;
import io.baton.product.ProductFlowTrigger;
import io.baton.product.ProductService;
import io.baton.product.StandaloneTemplate;
import io.baton.product.TemplateService;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;

/** The whole catalog as one connection sees it: what an export writes and an apply compares. */
record Catalog(
    List<Environment> environments,
    List<Product> products,
    Map<Long, List<ProductFlowTrigger>> triggers,
    List<Application> applications,
    List<PromotionFlow> flows,
    List<StandaloneTemplate> templates,
    List<PromotionPolicy> policies) {

  /** The services that read each part of the catalog. */
  record Readers(
      EnvironmentService environments,
      ProductService products,
      ApplicationService applications,
      FlowService flows,
      TemplateService templates,
      PolicyService policies) {

    Future<Catalog> read(SqlClient sql) {
      Future<List<Environment>> envs = environments.list(sql);
      Future<List<Product>> prods = products.list(sql);
      Future<List<Application>> apps = applications.list(sql);
      Future<List<PromotionFlow>> fls = flows.list(sql);
      Future<List<StandaloneTemplate>> tpls = templates.list(sql);
      Future<List<PromotionPolicy>> pols = policies.list(sql);
      return Future.all(envs, prods, apps, fls, tpls, pols)
          .compose(
              all -> products.flowTriggers(sql, prods.result().stream().map(Product::id).toList()))
          .map(
              triggers ->
                  new Catalog(
                      envs.result(),
                      prods.result(),
                      triggers,
                      apps.result(),
                      fls.result(),
                      tpls.result(),
                      pols.result()));
    }
  }
}
