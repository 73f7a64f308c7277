package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoundTimeoutsTest {
    private final RoundTimeouts t = RoundTimeouts.defaults();

    @Test
    void eachStepGrowsByTheIncrementPerRoundUpToTheCap() {
        assertThat(t.of(TimerKind.AUDIT, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.of(TimerKind.AUDIT, 4)).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.of(TimerKind.REPLY, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.of(TimerKind.AUDIT, 1_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.of(TimerKind.AUDIT, Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theProposalTimeoutStartsAtRoundOneBecauseRoundZeroWaitsForProofOfWork() {
        assertThat(t.of(TimerKind.PROPOSE, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.of(TimerKind.PROPOSE, 3)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theCatchUpTimeoutDoesNotGrow() {
        assertThat(t.of(TimerKind.SYNC, 0)).isEqualTo(t.of(TimerKind.SYNC, 50)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void nonPositiveTimeoutsOrACapBelowABaseAreRefused() {
        Duration s = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new RoundTimeouts(Duration.ZERO, s, s, s, s, s))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoundTimeouts(s, s, s, Duration.ofMillis(-1), s, s))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoundTimeouts(Duration.ofSeconds(5), s, s, s, Duration.ofSeconds(2), s))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
