package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import org.ebc.ledger.Target;
import org.ebc.testing.TestConsortium;
import org.junit.jupiter.api.Test;

/** The target and earliest timestamp of the next block follow the genesis rules over the chain's own timestamps. */
class NextBlockTest {
    static final long T0 = TestConsortium.GENESIS_TIME.toEpochMilli();

    @Test
    void blocksComingTwiceTooFastHalveTheTargetAtTheRetargetAndOnlyThere() {
        ChainFixture f = ChainFixture.create(1, 1, b -> b.retarget(4, 4).interval(Duration.ofSeconds(10)));
        Target start = f.genesis().difficulty().initialTarget();
        for (int h = 1; h <= 4; h++) {
            assertThat(NextBlock.target(f.state)).as("height %d", h).isEqualTo(start);
            f.commit(f.draft().at(T0 + h * 5_000L).build());
        }
        // Four blocks in 20 s where 40 s were expected: the fifth block's target is half.
        Target fifth = NextBlock.target(f.state);
        assertThat(fifth.toBigInteger()).isEqualTo(start.toBigInteger().shiftRight(1));
        f.commit(f.draft().at(T0 + 25_000).build());
        assertThat(NextBlock.target(f.state)).isEqualTo(fifth);
    }

    @Test
    void slowBlocksEaseTheTargetButNotBeyondTheGenesisMaximum() {
        ChainFixture f = ChainFixture.create(
                1, 1, b -> b.retarget(2, 16).interval(Duration.ofSeconds(1)).maxTarget(Target.ofLeadingZeroBits(6)));
        for (int h = 1; h <= 2; h++) {
            f.commit(f.draft().at(T0 + h * 3_600_000L).build());
        }
        BigInteger max = f.genesis().difficulty().maxTarget().toBigInteger();
        assertThat(NextBlock.target(f.state).toBigInteger()).isEqualTo(max);
        assertThat(max).isGreaterThan(f.genesis().difficulty().initialTarget().toBigInteger());
    }

    @Test
    void theEarliestTimestampIsOneMillisecondAfterTheMedianOfTheLastBlocks() {
        ChainFixture f = ChainFixture.create(1, 1, b -> b.medianWindow(3));
        assertThat(NextBlock.earliestTimestamp(f.state)).isEqualTo(T0 + 1);
        f.commit(f.draft().at(T0 + 50_000).build());
        // {T0, T0+50 s}: the upper middle.
        assertThat(NextBlock.medianTimePast(f.state)).isEqualTo(T0 + 50_000);
        f.commit(f.draft().at(T0 + 50_001).build());
        f.commit(f.draft().at(T0 + 90_000).build());
        // {50 001, 90 000, 50 000} → 50 001
        assertThat(NextBlock.medianTimePast(f.state)).isEqualTo(T0 + 50_001);
        assertThat(NextBlock.earliestTimestamp(f.state)).isEqualTo(T0 + 50_002);
        assertThat(f.validate(f.draft().at(T0 + 50_002).build()).reason()).isEqualTo(BlockReason.VALID);
    }
}
