package io.baton.git;

import static io.baton.git.GitFixture.app;
import static io.baton.git.GitFixture.await;
import static io.baton.git.GitFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.product.Application;
import io.baton.product.PromotionTemplate;
import io.baton.release.SourcePinner.Snapshot;
import io.baton.testing.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins of one remote share fetches, and a pin never reads a fetch that started before it arrived:
 * real repositories over file://, with a fetch held in flight by {@link HeldFetches}.
 */
class SingleFlightPinTest {
  private static final PromotionTemplate TAG =
      new PromotionTemplate(
          new PromotionTemplate.VersionSource("values.yaml", "$.image.tag"),
          List.of(new PromotionTemplate.Entry("values.yaml", List.of("$.image.tag"))));

  @TempDir Path temp;

  private Vertx vertx;
  private HeldFetches transport;
  private GitRepositories repositories;
  private GitSourcePinner pinner;
  private Path repo;
  private Application dev;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    GitFixture git = new GitFixture(temp);
    repo = git.bare("shared", Map.of("dev/values.yaml", values("1.0.0")));
    transport = HeldFetches.register(temp);
    repositories = git.repositories(vertx, "cache", Duration.ofSeconds(10));
    pinner = new GitSourcePinner(repositories);
    dev = app("shared-dev", repo, "dev");
  }

  @AfterEach
  void tearDown() {
    transport.close();
    repositories.close();
    await(vertx.close());
  }

  private static String values(String tag) {
    return "image:\n  tag: \"" + tag + "\"\n";
  }

  private String push(String tag) {
    return commit(repo, Map.of("dev/values.yaml", values(tag)), "Build " + tag).name();
  }

  private void untilFetchesWait(int count) {
    Poll.until(
        transport::waiting, n -> n == count, Duration.ofSeconds(10), count + " fetches in flight");
  }

  @Test
  void a_pin_is_the_commit_pushed_before_it_arrived_even_while_an_older_fetch_was_in_flight() {
    String before = GitFixture.head(repo);
    transport.hold();
    Future<Snapshot> first = pinner.pin(dev, TAG);
    untilFetchesWait(1);
    String pushed = push("2.0.0");

    Future<Snapshot> second = pinner.pin(dev, TAG);
    transport.release();

    assertThat(await(first)).isEqualTo(new Snapshot(before, "1.0.0"));
    assertThat(await(second)).isEqualTo(new Snapshot(pushed, "2.0.0"));
  }

  @Test
  void concurrent_pins_of_one_remote_share_fetches_and_each_sees_every_commit_pushed_before_it() {
    transport.hold();
    Future<Snapshot> first = pinner.pin(dev, TAG);
    untilFetchesWait(1);
    int fetchesBefore = transport.fetches();
    List<String> pushed = new ArrayList<>();
    List<Future<Snapshot>> pins = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      pushed.add(push("2." + i + ".0"));
      pins.add(pinner.pin(dev, TAG));
    }
    transport.release();
    await(first);

    for (int i = 0; i < pins.size(); i++) {
      Snapshot pin = await(pins.get(i));
      assertThat(GitFixture.isAncestor(repo, pushed.get(i), pin.commit()))
          .as("pin %d sees the commit pushed before it arrived", i + 1)
          .isTrue();
    }
    assertThat(transport.fetches() - fetchesBefore)
        .as("fetches for 30 pins that arrived while one fetch was in flight")
        .isEqualTo(1);
  }
}
