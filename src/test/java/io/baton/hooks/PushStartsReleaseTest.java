package io.baton.hooks;

import static io.baton.trigger.AutoTriggerWorld.pass;
import static io.baton.trigger.AutoTriggerWorld.releases;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.Poll;
import io.baton.testing.TestServer;
import io.baton.trigger.AutoTriggerWorld;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver and the Git watcher together: with polling an hour apart, a GitHub push webhook for
 * dev's repository starts the release now, once however often it is delivered; a badly signed one
 * starts nothing.
 */
class PushStartsReleaseTest {
  private static final String SECRET = "push-starts-release-secret-0123456789";
  private static final Charset UTF8 = StandardCharsets.UTF_8;

  private final AutoTriggerWorld world = new AutoTriggerWorld();
  private TestServer server;

  @BeforeEach
  void start() {
    server =
        TestServer.start(Map.of("BATON_GIT_POLL_INTERVAL", "PT1H", "BATON_WEBHOOK_SECRET", SECRET));
    world.create(server);
    pass(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_signed_github_push_starts_the_release_and_its_redelivery_starts_no_second_one() {
    String commit = world.bump("dev", "2.0.0", "Build 2.0.0 of trioapp");
    byte[] body = pushOf(commit);

    assertThat(deliver(body, sha256(SECRET, body)).statusCode()).isEqualTo(202);

    JsonObject release =
        Poll.until(
                () -> releases(server),
                r -> !r.isEmpty(),
                Duration.ofSeconds(20),
                "the push to start a release")
            .getJsonObject(0);
    assertThat(release.getString("triggeredBy")).isEqualTo("auto:" + commit);
    assertThat(release.getString("sourceCommit")).isEqualTo(commit);

    assertThat(deliver(body, sha256(SECRET, body)).statusCode()).isEqualTo(202);
    assertThat(deliver(body, sha256(SECRET, body)).statusCode()).isEqualTo(202);
    pass(server);
    assertThat(releases(server)).as("redeliveries of one push").hasSize(1);
  }

  @Test
  void a_push_with_a_bad_signature_gets_401_and_starts_nothing_until_the_watcher_looks() {
    String commit = world.bump("dev", "2.0.0", "Build 2.0.0 of trioapp");
    byte[] body = pushOf(commit);

    HttpResponse<String> refused = deliver(body, sha256("another-secret-0123456789abcdef", body));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).doesNotContain(SECRET);
    assertThat(releases(server)).isEmpty();
    pass(server);
    JsonArray afterPoll = releases(server);
    assertThat(afterPoll).as("the commit itself is still found by polling").hasSize(1);
  }

  /** GitHub's documented push payload, naming the test's repository as its clone URL. */
  private byte[] pushOf(String commit) {
    JsonObject push = new JsonObject(new String(resource("github-push.json"), UTF8));
    push.put("after", commit);
    push.getJsonObject("repository").put("clone_url", world.url());
    return push.encode().getBytes(UTF8);
  }

  private HttpResponse<String> deliver(byte[] body, String signature) {
    return server.send(
        HttpRequest.newBuilder(server.uri(PushReceiver.PATH))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
            .header("X-Hub-Signature-256", "sha256=" + signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private static String sha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = PushStartsReleaseTest.class.getResourceAsStream("/hooks/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
