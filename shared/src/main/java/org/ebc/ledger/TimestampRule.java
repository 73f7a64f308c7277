package org.ebc.ledger;

import java.util.Arrays;

/**
 * What a block's timestamp must satisfy. Bitcoin's two rules, with parameters from the genesis:
 *
 * <ul>
 *   <li>not more than {@code futureAllowanceMillis} ahead of the validating EAG's clock (the only rule that
 *       depends on who validates, which is why it has an allowance; a block refused for it now is accepted
 *       later, never the other way round);
 *   <li>strictly after the <em>median time past</em>: the median of the timestamps of the last
 *       {@code medianWindow} blocks before it (fewer near the start; the genesis time counts as block 0).
 *       With an even count the upper middle is taken, as Bitcoin does. A single EAG with a fast clock can
 *       then not drag the chain's time forward, and no EAG can put a block before the chain's past.
 * </ul>
 *
 * @param futureAllowanceMillis how far ahead of the clock a timestamp may be, ms (0 to 1 day)
 * @param medianWindow blocks whose median a timestamp must exceed (1–101; Bitcoin's 11 is the default)
 */
public record TimestampRule(long futureAllowanceMillis, int medianWindow) {
    public static final int MAX_MEDIAN_WINDOW = 101;

    public TimestampRule {
        if (futureAllowanceMillis < 0 || futureAllowanceMillis > 86_400_000L) {
            throw new IllegalArgumentException(
                    "future allowance must be 0 ms to 1 day, not " + futureAllowanceMillis + " ms");
        }
        if (medianWindow < 1 || medianWindow > MAX_MEDIAN_WINDOW) {
            throw new IllegalArgumentException(
                    "median window must be 1-" + MAX_MEDIAN_WINDOW + " blocks, not " + medianWindow);
        }
    }

    /** The median of {@code recent} (1 to {@code medianWindow} timestamps, any order): the upper middle. */
    public static long median(long[] recent) {
        if (recent.length == 0) {
            throw new IllegalArgumentException("no timestamps");
        }
        long[] sorted = recent.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
