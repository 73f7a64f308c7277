package org.ebc.agent.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysDoubleUpToTheMaximumAndStayInTheUpperHalfOfEachStep() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new SplittableRandom(7));
        long[] steps = {100, 200, 400, 800, 1000, 1000};
        for (long step : steps) {
            long d = b.next().toMillis();
            assertThat(d).isBetween(step / 2, step);
        }
    }

    @Test
    void aSuccessfulConnectionStartsOverFromTheMinimum() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), new SplittableRandom(7));
        for (int i = 0; i < 10; i++) {
            b.next();
        }
        b.reset();
        assertThat(b.next().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void twoMetersWithDifferentSeedsDoNotReconnectInLockstep() {
        Backoff a = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new SplittableRandom(1));
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new SplittableRandom(2));
        int same = 0;
        for (int i = 0; i < 8; i++) {
            same += a.next().equals(b.next()) ? 1 : 0;
        }
        assertThat(same).isLessThan(8);
    }
}
