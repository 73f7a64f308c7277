package org.ebc.gateway.chain;

import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Checking a chain is a fold: each block is validated against the state after the blocks before it, and
 * its effects give the next state. Sync and {@code ledger verify} replay a chain from its genesis this way.
 */
public final class ChainFold {
    private ChainFold() {}

    /**
     * Where a replay ended.
     *
     * @param state the state after the last valid block
     * @param blocks how many blocks were valid and applied
     * @param failure the verdict on the first block that was not valid (at height {@code state.height() + 1}),
     *     or null if every block was valid
     */
    public record Replay(
            InMemoryChainState state, long blocks, @Nullable BlockVerdict failure) {
        public boolean isComplete() {
            return failure == null;
        }
    }

    /** Validates and applies {@code blocks} (encoded, in height order) from {@code start} until one is refused. */
    public static Replay replay(
            InMemoryChainState start, Iterable<byte[]> blocks, BlockValidator validator, Clock clock) {
        InMemoryChainState s = start;
        long n = 0;
        for (byte[] raw : blocks) {
            BlockVerdict v = validator.validate(raw, s, clock);
            if (!v.isValid()) {
                return new Replay(s, n, v);
            }
            s = s.apply(v.effectsOrThrow());
            n++;
        }
        return new Replay(s, n, null);
    }
}
