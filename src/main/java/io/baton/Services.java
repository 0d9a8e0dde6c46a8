package io.baton;

import io.baton.audit.AuditService;
import io.baton.auth.TokenService;
import io.baton.config.ConfigService;
import io.baton.environment.EnvironmentService;
import io.baton.flow.FlowService;
import io.baton.git.ApplicationChecks;
import io.baton.git.ApplicationVersions;
import io.baton.git.PromotionPreviews;
import io.baton.git.TemplatePreviews;
import io.baton.line.LineService;
import io.baton.policy.PolicyService;
import io.baton.product.ApplicationService;
import io.baton.product.ProductService;
import io.baton.pullrequest.PullRequests;
import io.baton.release.ReleaseService;
import io.baton.rollback.ApplicationHistory;
import io.baton.rollback.Rollbacks;
import io.baton.webhook.WebhookService;

/** The application services the adapters (GraphQL, HTTP) call. Built once by {@link Baton}. */
public record Services(
    EnvironmentService environments,
    ProductService products,
    ApplicationService applications,
    FlowService flows,
    TokenService tokens,
    AuditService audit,
    ApplicationVersions applicationVersions,
    PromotionPreviews promotionPreviews,
    ReleaseService releases,
    WebhookService webhooks,
    ApplicationHistory history,
    Rollbacks rollbacks,
    LineService line,
    ConfigService config,
    ApplicationChecks applicationChecks,
    TemplatePreviews templatePreviews,
    PolicyService policies,
    PullRequests pullRequests) {}
