package org.ebc.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.gateway.verify.Rejection;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;

/** One log line per sender and reason per minute, with the rest counted. */
class RejectionLoggerTest {
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    /** A clock the test moves by hand. */
    private static final class Hand extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Hand clock = new Hand();
    private final RejectionLogger logger = new RejectionLogger(clock);

    private static Rejection from(String node, RejectReason reason) {
        return new Rejection(
                reason,
                "why",
                NodeId.of(node),
                "ebc/v1/e/meter/" + node + "/reading",
                7L,
                100,
                T0,
                true,
                "0123456789abcdef");
    }

    @Test
    void theFirstRejectionIsLoggedWithSenderReasonPageDetailAndDigest() {
        assertThat(logger.log(from("alice", RejectReason.BAD_SIGNATURE)))
                .isEqualTo("rejected from alice page T7: BAD_SIGNATURE: why [sha256 0123456789abcdef]");
    }

    @Test
    void repeatsWithinAMinuteAreCountedAndSummarisedOnTheNextLine() {
        logger.log(from("alice", RejectReason.BAD_SIGNATURE));
        for (int i = 0; i < 5; i++) {
            assertThat(logger.log(from("alice", RejectReason.BAD_SIGNATURE))).isNull();
        }
        assertThat(logger.log(from("alice", RejectReason.DOUBLE_SIGNED_PAGE))).isNotNull();
        assertThat(logger.log(from("bob", RejectReason.BAD_SIGNATURE))).isNotNull();

        clock.now = T0.plus(Duration.ofSeconds(61));

        assertThat(logger.log(from("alice", RejectReason.BAD_SIGNATURE)))
                .endsWith("(5 more like it in the last 60 s not logged)");
    }

    @Test
    void aFloodOfInventedSendersSharesOneLinePerReason() {
        int logged = 0;
        for (int i = 0; i < RejectionLogger.MAX_SENDERS + 500; i++) {
            if (logger.log(from("n" + i, RejectReason.UNKNOWN_NODE)) != null) {
                logged++;
            }
        }

        assertThat(logged).isEqualTo(RejectionLogger.MAX_SENDERS + 1);
    }
}
