package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainWatchTest {
    private static ChainWatch.Seen seen(long height, long atMs) {
        return new ChainWatch.Seen(height, "h" + height, atMs - 5, 0, 0, atMs);
    }

    @Test
    void aCommitIsTimedFromTheMomentTheEagMayMineTheHeight() {
        // Spacing 1000 ms: height 2 may be mined from 2000, seen at 2150; height 3 from 3150, seen at 3170.
        List<Long> latencies =
                ChainWatch.commitLatencies(List.of(seen(1, 1000), seen(2, 2150), seen(3, 3170)), 1000, 0);

        assertThat(latencies).containsExactly(150L, 20L);
    }

    @Test
    void onlyHeightsThatMayBeMinedFromTheStartOfTheMeasurementCount() {
        List<Long> latencies =
                ChainWatch.commitLatencies(List.of(seen(1, 1000), seen(2, 2150), seen(3, 3170)), 1000, 2500);

        assertThat(latencies).containsExactly(20L);
    }

    @Test
    void twoBlocksSeenInOnePollCountAsNoWaitNotAsANegativeOne() {
        List<Long> latencies = ChainWatch.commitLatencies(List.of(seen(1, 1000), seen(2, 1000)), 1000, 0);

        assertThat(latencies).containsExactly(0L);
    }
}
