package io.baton.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Walks every edge of both state machines, and every non-edge. */
class TransitionsTest {

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "QUEUED,RUNNING,true",
    "QUEUED,TERMINATED,true",
    "QUEUED,SUSPENDED,false",
    "QUEUED,SUCCEEDED,false",
    "QUEUED,FAILED,false",
    "RUNNING,SUSPENDED,true",
    "RUNNING,SUCCEEDED,true",
    "RUNNING,FAILED,true",
    "RUNNING,TERMINATED,true",
    "RUNNING,QUEUED,false",
    "SUSPENDED,RUNNING,true",
    "SUSPENDED,FAILED,true",
    "SUSPENDED,TERMINATED,true",
    "SUSPENDED,SUCCEEDED,false",
    "SUSPENDED,QUEUED,false",
    "SUCCEEDED,RUNNING,false",
    "SUCCEEDED,QUEUED,false",
    "SUCCEEDED,FAILED,false",
    "SUCCEEDED,TERMINATED,false",
    "SUCCEEDED,SUSPENDED,false",
    "FAILED,RUNNING,true",
    "FAILED,QUEUED,false",
    "FAILED,SUCCEEDED,false",
    "FAILED,TERMINATED,false",
    "FAILED,SUSPENDED,false",
    "TERMINATED,RUNNING,true",
    "TERMINATED,QUEUED,false",
    "TERMINATED,SUCCEEDED,false",
    "TERMINATED,FAILED,false",
    "TERMINATED,SUSPENDED,false"
  })
  void release_transitions_follow_the_table(ReleaseStatus from, ReleaseStatus to, boolean allowed) {
    assertThat(Transitions.allowed(from, to)).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "PENDING,RUNNING,true",
    "PENDING,SKIPPED,true",
    "PENDING,SUCCEEDED,false",
    "PENDING,FAILED,false",
    "PENDING,TERMINATED,false",
    "PENDING,SUSPENDED,false",
    "RUNNING,SUCCEEDED,true",
    "RUNNING,FAILED,true",
    "RUNNING,TERMINATED,true",
    "RUNNING,SUSPENDED,true",
    "RUNNING,PENDING,false",
    "RUNNING,SKIPPED,false",
    "SUSPENDED,RUNNING,true",
    "SUSPENDED,FAILED,true",
    "SUSPENDED,TERMINATED,true",
    "SUSPENDED,SUCCEEDED,false",
    "SUSPENDED,PENDING,false",
    "SUSPENDED,SKIPPED,false",
    "SUCCEEDED,PENDING,false",
    "SUCCEEDED,RUNNING,false",
    "SUCCEEDED,FAILED,false",
    "SUCCEEDED,SKIPPED,false",
    "SUCCEEDED,TERMINATED,false",
    "SUCCEEDED,SUSPENDED,false",
    "FAILED,PENDING,true",
    "FAILED,RUNNING,false",
    "FAILED,SUCCEEDED,false",
    "FAILED,SKIPPED,false",
    "FAILED,TERMINATED,false",
    "FAILED,SUSPENDED,false",
    "TERMINATED,PENDING,true",
    "TERMINATED,RUNNING,false",
    "TERMINATED,SUCCEEDED,false",
    "TERMINATED,FAILED,false",
    "TERMINATED,SKIPPED,false",
    "TERMINATED,SUSPENDED,false",
    "SKIPPED,PENDING,true",
    "SKIPPED,RUNNING,false",
    "SKIPPED,SUCCEEDED,false",
    "SKIPPED,FAILED,false",
    "SKIPPED,TERMINATED,false",
    "SKIPPED,SUSPENDED,false"
  })
  void step_transitions_follow_the_table(StepStatus from, StepStatus to, boolean allowed) {
    assertThat(Transitions.allowed(from, to)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @EnumSource(ReleaseStatus.class)
  void every_release_status_but_succeeded_has_a_way_forward(ReleaseStatus status) {
    assertThat(Transitions.from(status).isEmpty()).isEqualTo(status == ReleaseStatus.SUCCEEDED);
  }

  @ParameterizedTest
  @EnumSource(StepStatus.class)
  void every_step_status_but_succeeded_has_a_way_forward(StepStatus status) {
    assertThat(Transitions.from(status).isEmpty()).isEqualTo(status == StepStatus.SUCCEEDED);
  }

  @ParameterizedTest
  @EnumSource(ReleaseStatus.class)
  void terminal_release_statuses_are_left_only_by_a_retry(ReleaseStatus status) {
    Set<ReleaseStatus> exits = Transitions.from(status);
    if (status.isTerminal()) {
      assertThat(exits).isSubsetOf(EnumSet.of(ReleaseStatus.RUNNING));
    } else {
      assertThat(exits).contains(ReleaseStatus.TERMINATED);
    }
  }
}
