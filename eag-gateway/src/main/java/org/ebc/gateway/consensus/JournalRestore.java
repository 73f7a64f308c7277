package org.ebc.gateway.consensus;

import org.ebc.consensus.Audit;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.Decoded;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Reply;
import org.ebc.consensus.RoundMessage;
import org.ebc.consensus.Signed;
import org.ebc.units.EagId;

/**
 * Rebuilds, after a restart, what this EAG had signed at the height it is deciding: its proposals, audits
 * and replies go back into the {@link HeightState} as its votes (so it re-sends them and never signs
 * different ones), the highest round replied in is its lock, and the journalled valid block comes back
 * with its justification. A vote that does not read back stops the start: guessing could equivocate.
 */
final class JournalRestore {
    private final Consortium consortium;
    private final EagId me;
    private final ConsensusSettings settings;
    private final BlockChecks blocks;

    JournalRestore(Consortium consortium, EagId me, ConsensusSettings settings, BlockChecks blocks) {
        this.consortium = consortium;
        this.me = me;
        this.settings = settings;
        this.blocks = blocks;
    }

    /** Fills {@code state} from {@code journal}; returns the round to resume (the highest one signed in). */
    int restore(ConsensusJournal journal, HeightState state) {
        int round = 0;
        for (byte[] raw : journal.signed(state.height)) {
            Decoded d = ConsensusCodec.decode(raw, consortium, settings.maxMessageBytes());
            if (!d.isOk() || !d.signed().from().equals(me) || !(d.signed().payload() instanceof RoundMessage rm)) {
                throw new IllegalStateException("the consensus journal holds a vote at height " + state.height
                        + " that does not read back as this EAG's: " + d.reason() + " " + d.detail());
            }
            Signed<?> own = d.signed();
            switch (rm) {
                case ProposedBlock p -> {
                    state.proposedBlocks.putIfAbsent(own.as(ProposedBlock.class).orElseThrow());
                    state.proposals.putIfAbsent(p.proposal());
                    BlockChecks.Placed placed = blocks.place(p.blockData(), p.block(), state);
                    state.recordProposalOutcome(
                            p,
                            placed.ok() ? blocks.audit(p.blockData(), placed.requireFacts(), state) : placed.outcome());
                }
                case Audit a -> state.audits.putIfAbsent(own.as(Audit.class).orElseThrow());
                case Reply r -> {
                    state.replies.putIfAbsent(own.as(Reply.class).orElseThrow());
                    HeightState.Lock lock = state.locked;
                    if (lock == null || lock.round() < r.round()) {
                        state.locked = new HeightState.Lock(r.round(), r.block());
                    }
                }
                default -> throw new IllegalStateException("a " + rm.kind() + " is not journalled");
            }
            round = Math.max(round, rm.round());
        }
        journal.valid(state.height).ifPresent(v -> {
            BlockChecks.Placed placed = blocks.placeOwn(v.block(), state);
            if (placed.ok()
                    && blocks.audit(v.block(), placed.requireFacts(), state).accepted()) {
                state.valid =
                        new HeightState.Valid(v.round(), placed.requireFacts().hash(), v.block(), v.justification());
            }
        });
        return round;
    }
}
