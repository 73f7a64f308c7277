package org.ebc.gateway.chain;

import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.DifficultyRule;
import org.ebc.ledger.Target;
import org.ebc.ledger.TimestampRule;

/**
 * What the chain's rules fix for the block after a state's tip: its height, previous hash, target
 * ({@link DifficultyRule}) and the earliest timestamp it may carry ({@link TimestampRule}). The validator
 * checks a block against these; a miner builds its template from them. Stateless.
 */
public final class NextBlock {
    private NextBlock() {}

    public static long height(ChainState s) {
        return s.height() + 1;
    }

    /** The target the next block must carry. */
    public static Target target(ChainState s) {
        DifficultyRule rule = s.genesis().difficulty();
        long h = s.height() + 1;
        if (h == 1) {
            return rule.initialTarget();
        }
        Target parent = header(s, h - 1).target();
        if (!rule.retargetsAt(h)) {
            return parent;
        }
        return rule.retarget(parent, timestamp(s, h - 1), timestamp(s, h - 1 - rule.window()));
    }

    /** The median of the last {@code medianWindow} timestamps (the genesis time as height 0). */
    public static long medianTimePast(ChainState s) {
        int window = s.genesis().timestamps().medianWindow();
        long top = s.height();
        int count = (int) Math.min(window, top + 1);
        long[] recent = new long[count];
        for (int i = 0; i < count; i++) {
            recent[i] = timestamp(s, top - i);
        }
        return TimestampRule.median(recent);
    }

    /** The earliest timestamp the next block may carry: one millisecond after the median time past. */
    public static long earliestTimestamp(ChainState s) {
        return medianTimePast(s) + 1;
    }

    /** The timestamp of the block at {@code height}; the genesis time for height 0. */
    static long timestamp(ChainState s, long height) {
        return height == 0 ? s.genesis().timeMillis() : header(s, height).timestampMillis();
    }

    private static BlockHeader header(ChainState s, long height) {
        return s.header(height)
                .orElseThrow(() -> new IllegalStateException("the chain state has no header at height " + height
                        + " below its tip " + s.height() + " (a ChainState must keep its recent headers)"));
    }
}
