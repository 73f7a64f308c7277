package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Every task runs exactly once, on the pool and the caller, and a busy or refusing pool cannot hang it. */
class WorkSharingTest {

    @Test
    void everyTaskRunsExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            AtomicIntegerArray runs = new AtomicIntegerArray(1000);
            WorkSharing.run(pool, 4, 1000, runs::incrementAndGet);
            for (int i = 0; i < 1000; i++) {
                assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCallFromThePoolsOnlyThreadDoesNotDeadlock() throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            AtomicIntegerArray runs = new AtomicIntegerArray(100);
            one.submit(() -> WorkSharing.run(one, 4, 100, runs::incrementAndGet))
                    .get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 100; i++) {
                assertThat(runs.get(i)).isEqualTo(1);
            }
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void aPoolThatRefusesWorkLeavesEverythingToTheCaller() {
        AtomicIntegerArray runs = new AtomicIntegerArray(50);
        WorkSharing.run(
                r -> {
                    throw new RejectedExecutionException("full");
                },
                8,
                50,
                runs::incrementAndGet);
        for (int i = 0; i < 50; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }

    @Test
    void aTaskThatThrowsStillLetsTheOthersRunAndIsReportedAfterwards() {
        AtomicIntegerArray runs = new AtomicIntegerArray(10);
        assertThatThrownBy(() -> WorkSharing.run(Runnable::run, 1, 10, i -> {
                    runs.incrementAndGet(i);
                    if (i == 3) {
                        throw new IllegalStateException("task 3");
                    }
                }))
                .hasMessage("task 3");
        for (int i = 0; i < 10; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }
}
