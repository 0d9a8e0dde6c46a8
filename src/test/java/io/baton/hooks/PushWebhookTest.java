package io.baton.hooks;

import static io.baton.testing.TestServer.codeOf;
import static io.baton.testing.TestServer.firstError;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.Baton;
import io.baton.testing.TestServer;
import io.baton.trigger.PushNotice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /hooks/git} over real HTTP, with payloads shaped as each provider documents them and
 * signed with each provider's real scheme: a verified push wakes the watcher for its repository and
 * branch; anything else wakes nothing.
 */
class PushWebhookTest {
  static final String SECRET = "test-webhook-secret-0123456789abcdef";
  static final String OTHER_SECRET = "not-the-webhook-secret-0123456789";

  private static final List<PushNotice> WOKEN = new CopyOnWriteArrayList<>();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of("BATON_WEBHOOK_SECRET", SECRET), Baton.Parts.defaults().withWakeup(WOKEN::add));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void nothing_woken_yet() {
    WOKEN.clear();
  }

  // GitHub

  @Test
  void a_github_push_signed_with_the_secret_is_accepted_and_wakes_its_repository_and_branch() {
    byte[] body = resource("github-push.json");

    HttpResponse<String> response = deliver(body, github("push", sha256(SECRET, body)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(WOKEN)
        .containsExactly(
            new PushNotice(
                "github",
                Set.of(
                    "https://github.com/acme/gitops.git",
                    "git@github.com:acme/gitops.git",
                    "https://github.com/acme/gitops"),
                "main"));
    JsonObject accepted = new JsonObject(response.body()).getJsonArray("accepted").getJsonObject(0);
    assertThat(accepted.getString("branch")).isEqualTo("main");
    assertThat(accepted.getJsonArray("repositoryUrls")).contains("git@github.com:acme/gitops.git");
  }

  @Test
  void a_github_push_signed_with_another_secret_gets_401_and_wakes_nothing() {
    byte[] body = resource("github-push.json");

    HttpResponse<String> response = deliver(body, github("push", sha256(OTHER_SECRET, body)));

    assertRefused(response, 401, "UNAUTHENTICATED", "X-Hub-Signature-256");
    assertThat(firstError(new JsonObject(response.body())).getString("message"))
        .contains("wrong")
        .contains("BATON_WEBHOOK_SECRET");
  }

  @Test
  void a_github_push_changed_after_it_was_signed_gets_401_and_wakes_nothing() {
    byte[] signed = resource("github-push.json");
    byte[] changed =
        new String(signed, StandardCharsets.UTF_8)
            .replace("acme/gitops", "acme/other")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = deliver(changed, github("push", sha256(SECRET, signed)));

    assertRefused(response, 401, "UNAUTHENTICATED", "X-Hub-Signature-256");
  }

  @Test
  void a_github_push_without_a_signature_gets_401_and_wakes_nothing() {
    Map<String, String> headers = github("push", null);

    HttpResponse<String> response = deliver(resource("github-push.json"), headers);

    assertRefused(response, 401, "UNAUTHENTICATED", "without X-Hub-Signature-256");
  }

  @Test
  void a_github_push_signed_with_sha1_only_gets_401() {
    byte[] body = resource("github-push.json");
    Map<String, String> headers = github("push", null);
    headers.put("X-Hub-Signature", "sha1=" + hmac("HmacSHA1", SECRET, body));

    assertRefused(deliver(body, headers), 401, "UNAUTHENTICATED", "X-Hub-Signature-256");
  }

  @Test
  void a_github_tag_push_wakes_its_repository_with_no_branch() {
    byte[] body = resource("github-tag-push.json");

    HttpResponse<String> response = deliver(body, github("push", sha256(SECRET, body)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(WOKEN).singleElement().satisfies(notice -> assertThat(notice.branch()).isEmpty());
  }

  @Test
  void a_github_ping_with_the_secret_is_answered_200_and_wakes_nothing() {
    byte[] body = resource("github-ping.json");

    HttpResponse<String> response = deliver(body, github("ping", sha256(SECRET, body)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("message")).contains("ping");
    assertThat(WOKEN).isEmpty();
  }

  @Test
  void a_github_ping_with_a_wrong_signature_gets_401_so_a_wrong_secret_shows_at_once() {
    byte[] body = resource("github-ping.json");

    HttpResponse<String> response = deliver(body, github("ping", sha256(OTHER_SECRET, body)));

    assertRefused(response, 401, "UNAUTHENTICATED", "X-Hub-Signature-256");
  }

  @Test
  void another_github_event_with_the_secret_is_acknowledged_and_wakes_nothing() {
    byte[] body = "{\"action\":\"opened\",\"number\":7}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = deliver(body, github("pull_request", sha256(SECRET, body)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("message"))
        .contains("ignored")
        .contains("pull_request");
    assertThat(WOKEN).isEmpty();
  }

  @Test
  void a_signed_github_push_whose_body_is_form_encoded_gets_400_naming_the_content_type() {
    byte[] body =
        ("payload=" + URLEncoder.encode("{\"ref\":\"refs/heads/main\"}", StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = deliver(body, github("push", sha256(SECRET, body)));

    assertRefused(response, 400, "BAD_USER_INPUT", "application/json");
  }

  @Test
  void a_signed_github_push_without_a_repository_gets_400_and_wakes_nothing() {
    byte[] body = "{\"ref\":\"refs/heads/main\",\"commits\":[]}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = deliver(body, github("push", sha256(SECRET, body)));

    assertRefused(response, 400, "BAD_USER_INPUT", "\"repository\"");
  }

  @Test
  void a_push_over_one_mib_gets_413_and_wakes_nothing() {
    JsonObject payload =
        new JsonObject(new String(resource("github-push.json"), StandardCharsets.UTF_8));
    payload.put("padding", "x".repeat(PushReceiver.MAX_BODY_BYTES));
    byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = deliver(body, github("push", sha256(SECRET, body)));

    assertRefused(response, 413, "BAD_USER_INPUT", "1024 KiB");
  }

  // GitLab

  @Test
  void a_gitlab_push_with_the_secret_token_is_accepted_and_wakes_its_repository_and_branch() {
    HttpResponse<String> response = deliver(resource("gitlab-push.json"), gitlab(SECRET));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(WOKEN)
        .containsExactly(
            new PushNotice(
                "gitlab",
                Set.of(
                    "https://gitlab.acme.example/platform/gitops.git",
                    "git@gitlab.acme.example:platform/gitops.git",
                    "https://gitlab.acme.example/platform/gitops"),
                "main"));
  }

  @Test
  void a_gitlab_push_with_another_token_gets_401_and_wakes_nothing() {
    HttpResponse<String> response = deliver(resource("gitlab-push.json"), gitlab(OTHER_SECRET));

    assertRefused(response, 401, "UNAUTHENTICATED", "X-Gitlab-Token");
  }

  @Test
  void a_gitlab_push_without_a_token_gets_401_and_wakes_nothing() {
    HttpResponse<String> response = deliver(resource("gitlab-push.json"), gitlab(null));

    assertRefused(response, 401, "UNAUTHENTICATED", "without X-Gitlab-Token");
  }

  // Gitea and Forgejo

  @Test
  void a_gitea_push_signed_with_the_secret_is_read_as_gitea_though_it_carries_github_headers() {
    byte[] body = resource("gitea-push.json");

    HttpResponse<String> response = deliver(body, gitea(sha256(SECRET, body), body));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(WOKEN)
        .containsExactly(
            new PushNotice(
                "gitea",
                Set.of(
                    "https://git.acme.example/platform/gitops.git",
                    "git@git.acme.example:platform/gitops.git",
                    "https://git.acme.example/platform/gitops"),
                "main"));
  }

  @Test
  void a_gitea_push_signed_with_another_secret_gets_401_and_wakes_nothing() {
    byte[] body = resource("gitea-push.json");

    HttpResponse<String> response = deliver(body, gitea(sha256(OTHER_SECRET, body), body));

    assertRefused(response, 401, "UNAUTHENTICATED", "X-Gitea-Signature");
  }

  @Test
  void a_forgejo_push_signed_with_the_secret_is_accepted_as_forgejo() {
    byte[] body = resource("gitea-push.json");
    Map<String, String> headers = gitea(sha256(OTHER_SECRET, body), body);
    headers.put("X-Forgejo-Event", "push");
    headers.put("X-Forgejo-Event-Type", "push");
    headers.put("X-Forgejo-Delivery", "f6266f16-1bf3-46a5-9ea4-602e06ead473");
    headers.put("X-Forgejo-Signature", sha256(SECRET, body));

    HttpResponse<String> response = deliver(body, headers);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(WOKEN).singleElement().satisfies(n -> assertThat(n.provider()).isEqualTo("forgejo"));
  }

  // Bitbucket Cloud

  @Test
  void a_bitbucket_push_signed_with_the_secret_wakes_its_repository_by_page_and_clone_urls() {
    byte[] body = resource("bitbucket-push.json");

    HttpResponse<String> response = deliver(body, bitbucket("sha256=" + sha256(SECRET, body)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(WOKEN)
        .containsExactly(
            new PushNotice(
                "bitbucket",
                Set.of(
                    "https://bitbucket.org/acme/gitops",
                    "https://bitbucket.org/acme/gitops.git",
                    "git@bitbucket.org:acme/gitops.git"),
                "main"));
  }

  @Test
  void a_bitbucket_push_of_two_branches_wakes_once_per_branch() {
    JsonObject payload =
        new JsonObject(new String(resource("bitbucket-push.json"), StandardCharsets.UTF_8));
    JsonArray changes = payload.getJsonObject("push").getJsonArray("changes");
    JsonObject release = changes.getJsonObject(0).copy();
    release.getJsonObject("new").put("name", "release/1.4");
    changes.add(release);
    byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = deliver(body, bitbucket("sha256=" + sha256(SECRET, body)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(WOKEN).extracting(PushNotice::branch).containsExactly("main", "release/1.4");
  }

  @Test
  void a_bitbucket_push_signed_with_another_secret_gets_401_and_wakes_nothing() {
    byte[] body = resource("bitbucket-push.json");

    HttpResponse<String> response =
        deliver(body, bitbucket("sha256=" + sha256(OTHER_SECRET, body)));

    assertRefused(response, 401, "UNAUTHENTICATED", "X-Hub-Signature");
  }

  @Test
  void a_bitbucket_push_without_a_signature_gets_401_and_wakes_nothing() {
    HttpResponse<String> response = deliver(resource("bitbucket-push.json"), bitbucket(null));

    assertRefused(response, 401, "UNAUTHENTICATED", "without X-Hub-Signature");
  }

  // Bitbucket Data Center

  @Test
  void a_bitbucket_data_center_push_signed_with_the_secret_wakes_its_clone_urls_and_branch() {
    byte[] body = resource("bitbucket-datacenter-push.json");

    HttpResponse<String> response =
        deliver(body, bitbucketDataCenter("repo:refs_changed", "sha256=" + sha256(SECRET, body)));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(WOKEN)
        .containsExactly(
            new PushNotice(
                "bitbucket-datacenter",
                Set.of(
                    "ssh://git@bitbucket.acme.example:7999/plat/gitops.git",
                    "https://bitbucket.acme.example/scm/plat/gitops.git",
                    "https://bitbucket.acme.example/projects/PLAT/repos/gitops/browse"),
                "main"));
  }

  @Test
  void a_bitbucket_data_center_test_connection_is_answered_200_and_wakes_nothing() {
    byte[] body = "{\"test\": true}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        deliver(body, bitbucketDataCenter("diagnostics:ping", "sha256=" + sha256(SECRET, body)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(WOKEN).isEmpty();
  }

  @Test
  void a_bitbucket_data_center_push_signed_with_another_secret_gets_401_and_wakes_nothing() {
    byte[] body = resource("bitbucket-datacenter-push.json");

    HttpResponse<String> response =
        deliver(
            body, bitbucketDataCenter("repo:refs_changed", "sha256=" + sha256(OTHER_SECRET, body)));

    assertRefused(response, 401, "UNAUTHENTICATED", "X-Hub-Signature");
  }

  // Anything else

  @Test
  void a_delivery_from_no_known_provider_gets_400_and_wakes_nothing() {
    byte[] body = resource("github-push.json");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Hub-Signature-256", "sha256=" + sha256(SECRET, body));

    HttpResponse<String> response = deliver(body, headers);

    assertRefused(response, 400, "BAD_USER_INPUT", "X-GitHub-Event");
  }

  @Test
  void a_get_on_the_receiver_gets_405() {
    HttpResponse<String> response = server.get(PushReceiver.PATH);

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void a_server_without_a_webhook_secret_answers_404_saying_how_to_turn_the_receiver_on() {
    List<PushNotice> woken = new CopyOnWriteArrayList<>();
    try (TestServer off =
        TestServer.start(Map.of(), Baton.Parts.defaults().withWakeup(woken::add))) {
      byte[] body = resource("github-push.json");

      HttpResponse<String> response =
          off.send(request(off, body, github("push", sha256(SECRET, body))));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(codeOf(new JsonObject(response.body()))).isEqualTo("NOT_FOUND");
      assertThat(firstError(new JsonObject(response.body())).getString("message"))
          .contains("BATON_WEBHOOK_SECRET");
      assertThat(woken).isEmpty();
    }
  }

  private static void assertRefused(
      HttpResponse<String> response, int status, String code, String messagePart) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("json"));
    JsonObject body = new JsonObject(response.body());
    assertThat(codeOf(body)).isEqualTo(code);
    assertThat(firstError(body).getString("message")).contains(messagePart);
    assertThat(response.body()).doesNotContain(SECRET).doesNotContain(OTHER_SECRET);
    assertThat(WOKEN).isEmpty();
  }

  private static HttpResponse<String> deliver(byte[] body, Map<String, String> headers) {
    return server.send(request(server, body, headers));
  }

  private static HttpRequest request(TestServer to, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(to.uri(PushReceiver.PATH))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return request.build();
  }

  /** GitHub's headers for a delivery of {@code event}, signed with {@code signature} if given. */
  private static Map<String, String> github(String event, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "GitHub-Hookshot/044aadd");
    headers.put("X-GitHub-Event", event);
    headers.put("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
    headers.put("X-GitHub-Hook-ID", "30");
    if (signature != null) {
      headers.put("X-Hub-Signature-256", "sha256=" + signature);
    }
    return headers;
  }

  private static Map<String, String> gitlab(String token) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "GitLab/17.5.0");
    headers.put("X-Gitlab-Event", "Push Hook");
    headers.put("X-Gitlab-Instance", "https://gitlab.acme.example");
    headers.put("X-Gitlab-Webhook-UUID", "9f1e7b2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
    if (token != null) {
      headers.put("X-Gitlab-Token", token);
    }
    return headers;
  }

  /** Every header Gitea sends, GitHub's and Gogs' included, as its deliver.go sets them. */
  private static Map<String, String> gitea(String signature, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    String delivery = "f6266f16-1bf3-46a5-9ea4-602e06ead473";
    headers.put("X-Gitea-Delivery", delivery);
    headers.put("X-Gitea-Event", "push");
    headers.put("X-Gitea-Event-Type", "push");
    headers.put("X-Gitea-Signature", signature);
    headers.put("X-Gogs-Delivery", delivery);
    headers.put("X-Gogs-Event", "push");
    headers.put("X-Gogs-Event-Type", "push");
    headers.put("X-Gogs-Signature", signature);
    headers.put("X-Hub-Signature", "sha1=" + hmac("HmacSHA1", OTHER_SECRET, body));
    headers.put("X-Hub-Signature-256", "sha256=" + signature);
    headers.put("X-GitHub-Delivery", delivery);
    headers.put("X-GitHub-Event", "push");
    headers.put("X-GitHub-Event-Type", "push");
    return headers;
  }

  private static Map<String, String> bitbucket(String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "Bitbucket-Webhooks/2.0");
    headers.put("X-Event-Key", "repo:push");
    headers.put("X-Hook-UUID", "{2b6f0d83-7e4c-4a4d-9b1f-3a6c5d2e1f00}");
    headers.put("X-Request-UUID", "{8e9f0a1b-2c3d-4e5f-a6b7-c8d9e0f1a2b3}");
    headers.put("X-Attempt-Number", "1");
    if (signature != null) {
      headers.put("X-Hub-Signature", signature);
    }
    return headers;
  }

  /** Bitbucket Data Center's headers: no X-Hook-UUID, which only Cloud sends. */
  private static Map<String, String> bitbucketDataCenter(String event, String signature) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "Atlassian HttpClient 4.2.0 / Bitbucket-9.4.0");
    headers.put("X-Event-Key", event);
    headers.put("X-Request-Id", "c3a8bb21-4e1b-4a4f-8f0e-2f6b9f3a7d10");
    headers.put("X-Hub-Signature", signature);
    return headers;
  }

  static String sha256(String secret, byte[] body) {
    return hmac("HmacSHA256", secret, body);
  }

  private static String hmac(String algorithm, String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = PushWebhookTest.class.getResourceAsStream("/hooks/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource hooks/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
