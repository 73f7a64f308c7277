package org.ebc.consensus;

import org.jspecify.annotations.Nullable;

/** A message of one round of one height: proposal (and the block that carries it), audit, reply or commit. */
public sealed interface RoundMessage extends ConsensusPayload permits Proposal, ProposedBlock, Audit, Reply, Commit {

    /** The highest round a decoder accepts; rounds grow only by time-outs, so more means damage. */
    int MAX_ROUND = 1_000_000;

    /** The round, from 0. */
    int round();

    /** The block this message is about: the proposed, approved, replied or committed one; null for a nil audit. */
    @Nullable
    BlockHash block();

    static void requireSlot(long height, int round) {
        if (height < 1) {
            throw new IllegalArgumentException("height must be >= 1 (0 is the genesis), not " + height);
        }
        if (round < 0 || round > MAX_ROUND) {
            throw new IllegalArgumentException("round must be 0.." + MAX_ROUND + ", not " + round);
        }
    }
}
