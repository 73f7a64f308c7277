package org.ebc.gateway.chain;

import org.jspecify.annotations.Nullable;

/**
 * The block validator's answer.
 *
 * @param reason {@link BlockReason#VALID} or the first rule broken
 * @param detail one line for an operator (which address, which nonce, …)
 * @param transaction the index of the offending transaction in the block's transaction list (0 = the first
 *     transaction after the coinbase), or -1 if the block itself (header, coinbase, structure) is at fault
 * @param effects what the block changes, if valid
 */
public record BlockVerdict(
        BlockReason reason,
        String detail,
        int transaction,
        @Nullable BlockEffects effects) {

    static BlockVerdict valid(BlockEffects effects) {
        return new BlockVerdict(BlockReason.VALID, "valid", -1, effects);
    }

    static BlockVerdict refuse(BlockReason reason, String detail) {
        return new BlockVerdict(reason, detail, -1, null);
    }

    static BlockVerdict refuse(BlockReason reason, String detail, int transaction) {
        return new BlockVerdict(reason, "transaction " + transaction + ": " + detail, transaction, null);
    }

    public boolean isValid() {
        return reason == BlockReason.VALID;
    }

    /** The effects of a valid block. */
    public BlockEffects effectsOrThrow() {
        BlockEffects e = effects;
        if (e == null) {
            throw new IllegalStateException("block refused (" + reason + "): " + detail);
        }
        return e;
    }
}
