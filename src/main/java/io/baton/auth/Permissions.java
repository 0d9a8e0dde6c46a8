package io.baton.auth;

import io.baton.error.BatonException;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what, in one table: every root field of the schema needs a role. Reads need VIEWER
 * unless listed; mutations need ADMIN unless listed as a promoter's.
 */
public final class Permissions {
  private static final Set<String> PROMOTER_MUTATIONS =
      Set.of(
          "triggerPromotionFlow",
          "promote",
          "terminateRelease",
          "retryRelease",
          "approveStep",
          "rejectStep",
          "rollback");
  private static final Map<String, Role> ADMIN_QUERIES =
      Map.of(
          "apiTokens", Role.ADMIN,
          "auditLog", Role.ADMIN,
          // Webhooks' URLs name internal systems, and a Slack one is itself a secret.
          "webhooks", Role.ADMIN,
          "webhook", Role.ADMIN);

  private Permissions() {}

  public static Role required(String operationType, String field) {
    if ("Mutation".equals(operationType)) {
      return PROMOTER_MUTATIONS.contains(field) ? Role.PROMOTER : Role.ADMIN;
    }
    return ADMIN_QUERIES.getOrDefault(field, Role.VIEWER);
  }

  public static void check(Principal principal, String operationType, String field) {
    if (principal == null) {
      throw BatonException.unauthenticated(
          "an API token is required: send Authorization: Bearer <token>");
    }
    Role required = required(operationType, field);
    if (!principal.role().allows(required)) {
      throw BatonException.forbidden(
          field
              + " needs the "
              + required
              + " role; token \""
              + principal.name()
              + "\" has "
              + principal.role());
    }
  }
}
