package io.baton.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.product.Concurrency;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which release of a product runs, for every policy and situation. A line is written as its active
 * releases in order, {@code id:STATUS} separated by spaces ({@code -} for none).
 */
class ProductLineTest {

  @ParameterizedTest(name = "{0}, active [{1}]: {2} behind {3}, replacing [{4}]")
  @CsvSource({
    "QUEUE,     -,                         RUNNING, ,  -",
    "TERMINATE, -,                         RUNNING, ,  -",
    "QUEUE,     1:RUNNING,                 QUEUED,  1, -",
    "QUEUE,     1:SUSPENDED,               QUEUED,  1, -",
    "QUEUE,     1:RUNNING 2:QUEUED,        QUEUED,  1, -",
    "QUEUE,     1:QUEUED,                  QUEUED,  1, -",
    "TERMINATE, 1:RUNNING,                 RUNNING, ,  1",
    "TERMINATE, 1:SUSPENDED,               RUNNING, ,  1",
    "TERMINATE, 1:RUNNING 2:QUEUED,        RUNNING, ,  1 2",
    "TERMINATE, 1:QUEUED,                  RUNNING, ,  1",
  })
  void a_new_release_starts_queues_or_replaces_as_its_products_policy_says(
      Concurrency policy, String active, ReleaseStatus status, Long behind, String replaced) {
    ProductLine.Admission admission = line(active).admit(policy, 9);

    assertThat(admission.status()).isEqualTo(status);
    assertThat(admission.replaced()).isEqualTo(ids(replaced));
    if (behind != null) {
      assertThat(admission).isEqualTo(new ProductLine.Admission.Queue(behind));
    }
  }

  @Test
  void a_replaced_release_is_told_which_release_replaced_it() {
    ProductLine.Admission admission = line("4:RUNNING").admit(Concurrency.TERMINATE, 9);

    assertThat(admission.message()).isEqualTo("terminated: replaced by release 9");
  }

  @ParameterizedTest(name = "{0}, active [{1}], admitting 9 then 10: [{2}]")
  @CsvSource({
    "QUEUE,     -,         9:RUNNING 10:QUEUED",
    "QUEUE,     1:RUNNING, 1:RUNNING 9:QUEUED 10:QUEUED",
    "TERMINATE, -,         10:RUNNING",
    "TERMINATE, 1:RUNNING, 10:RUNNING",
  })
  void releases_admitted_together_each_see_the_ones_admitted_before_them(
      Concurrency policy, String active, String after) {
    ProductLine line = line(active);
    for (long id : List.of(9L, 10L)) {
      line = line.admitted(id, line.admit(policy, id));
    }

    assertThat(line).isEqualTo(line(after));
  }

  @ParameterizedTest(name = "active [{0}] after one ended: start {1}")
  @CsvSource({
    "-,                          ",
    "1:QUEUED,                   1",
    "1:QUEUED 2:QUEUED,          1",
    "1:RUNNING 2:QUEUED,         ",
    "1:SUSPENDED 2:QUEUED,       ",
    "2:QUEUED 3:RUNNING,         ",
    "1:RUNNING,                  ",
  })
  void once_a_release_ends_the_oldest_queued_one_starts_unless_another_still_runs(
      String active, Long next) {
    assertThat(line(active).next()).isEqualTo(Optional.ofNullable(next));
  }

  @ParameterizedTest(name = "release 5 {0}, active [{1}]: {2}")
  @CsvSource({
    "FAILED,     -,           ",
    "TERMINATED, -,           ",
    "FAILED,     1:RUNNING,   release 1 of the same product is still in progress; retry release 5 once it has ended",
    "TERMINATED, 1:QUEUED,    release 1 of the same product is still in progress; retry release 5 once it has ended",
    "FAILED,     1:SUSPENDED, release 1 of the same product is still in progress; retry release 5 once it has ended",
    "SUCCEEDED,  -,           release 5 is SUCCEEDED; only a FAILED or TERMINATED release can be retried",
    "RUNNING,    5:RUNNING,   release 5 is RUNNING; only a FAILED or TERMINATED release can be retried",
    "QUEUED,     5:QUEUED,    release 5 is QUEUED; only a FAILED or TERMINATED release can be retried",
  })
  void only_an_ended_release_of_a_product_with_none_active_may_be_retried(
      ReleaseStatus status, String active, String refusal) {
    assertThat(line(active).retryRefusal(5, status)).isEqualTo(Optional.ofNullable(refusal));
  }

  private static ProductLine line(String text) {
    List<ProductLine.Active> active = new ArrayList<>();
    if (!text.equals("-")) {
      for (String entry : text.trim().split("\\s+")) {
        String[] parts = entry.split(":");
        active.add(
            new ProductLine.Active(Long.parseLong(parts[0]), ReleaseStatus.valueOf(parts[1])));
      }
    }
    return new ProductLine(active);
  }

  private static List<Long> ids(String text) {
    if (text.equals("-")) {
      return List.of();
    }
    return Arrays.stream(text.trim().split("\\s+")).map(Long::parseLong).toList();
  }
}
