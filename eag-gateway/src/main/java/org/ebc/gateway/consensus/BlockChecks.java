package org.ebc.gateway.consensus;

import java.util.Objects;
import java.util.Optional;
import org.ebc.consensus.BlockHash;
import org.jspecify.annotations.Nullable;

/**
 * The checks every block goes through before consensus relies on it, wherever it came from (a proposal,
 * this EAG's miner, a catch-up answer): it reads as a block, hashes to the hash the message names, sits
 * at the height being decided on top of the committed tip, and passes the chain's block validator. The
 * validator runs once per block per height; its verdict is kept in the {@link HeightState}.
 */
final class BlockChecks {
    private final BlockAuditor auditor;

    BlockChecks(BlockAuditor auditor) {
        this.auditor = auditor;
    }

    /** Reads and places {@code data}, which a message claims hashes to {@code claimed}. */
    Placed place(byte[] data, BlockHash claimed, HeightState state) {
        return place(data, claimed, state, true);
    }

    /** Reads and places {@code data} under its own hash (a block this EAG recorded itself). */
    Placed placeOwn(byte[] data, HeightState state) {
        return place(data, null, state, false);
    }

    private Placed place(byte[] data, @Nullable BlockHash claimed, HeightState state, boolean checkClaim) {
        Optional<BlockFacts> read = auditor.describe(data);
        if (read.isEmpty()) {
            return Placed.refused(Handled.of(Verdict.BLOCK_UNREADABLE, "the bytes are not a block"));
        }
        BlockFacts f = read.get();
        if (checkClaim && claimed != null && !f.hash().equals(claimed)) {
            return Placed.refused(Handled.of(
                    Verdict.BLOCK_HASH_MISMATCH,
                    "block hashes to " + f.hash().shortHex() + ", message names "
                            + Objects.requireNonNull(claimed).shortHex()));
        }
        if (f.height() != state.height) {
            return Placed.refused(Handled.of(
                    Verdict.BLOCK_WRONG_HEIGHT, "block of height " + f.height() + " at height " + state.height));
        }
        if (!f.previous().equals(state.parent)) {
            return Placed.refused(Handled.of(
                    Verdict.BLOCK_WRONG_PARENT,
                    "block on " + f.previous().shortHex() + ", our tip is " + state.parent.shortHex()));
        }
        return new Placed(Handled.ACCEPTED, f);
    }

    /** The chain's validation of a placed block, once per block per height. */
    Handled audit(byte[] data, BlockFacts f, HeightState state) {
        if (state.goodBlocks.containsKey(f.hash())) {
            return Handled.ACCEPTED;
        }
        AuditResult known = state.badBlocks.get(f.hash());
        AuditResult result = known != null ? known : auditor.audit(data);
        if (!result.ok()) {
            state.badBlocks.put(f.hash(), result);
            return Handled.of(Verdict.BLOCK_INVALID, result.reason() + ": " + result.detail());
        }
        state.goodBlocks.put(f.hash(), data);
        state.facts.put(f.hash(), f);
        return Handled.ACCEPTED;
    }

    /** A block read and placed, or why not. */
    record Placed(Handled outcome, @Nullable BlockFacts facts) {
        static Placed refused(Handled outcome) {
            return new Placed(outcome, null);
        }

        boolean ok() {
            return outcome.accepted();
        }

        BlockFacts requireFacts() {
            if (facts == null) {
                throw new IllegalStateException("no facts for a refused block");
            }
            return facts;
        }
    }
}
