package io.baton.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.TestServer;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cache of token lookups stays within its bound whatever callers send. */
class TokenCacheTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void twelve_thousand_random_tokens_leave_the_cache_at_its_bound() throws Exception {
    TokenService tokens = server.baton().services().tokens();
    int sent = TokenService.MAX_CACHED + 2_000;
    for (int batch = 0; batch < sent / 1_000; batch++) {
      List<Future<Principal>> lookups = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        lookups.add(tokens.authenticate(TokenService.newSecret()).otherwiseEmpty());
      }
      Future.join(lookups).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    assertThat(tokens.cached()).isLessThanOrEqualTo(TokenService.MAX_CACHED);
  }

  @Test
  void a_known_token_still_authenticates_after_a_flood_of_unknown_ones() throws Exception {
    TokenService tokens = server.baton().services().tokens();
    for (int i = 0; i < 2_000; i++) {
      tokens.authenticate(TokenService.newSecret()).otherwiseEmpty();
    }

    Principal admin =
        tokens
            .authenticate(TestServer.ADMIN_TOKEN)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);

    assertThat(admin.name()).isEqualTo(TokenService.BOOTSTRAP_NAME);
  }
}
