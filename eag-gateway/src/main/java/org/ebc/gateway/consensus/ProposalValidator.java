package org.ebc.gateway.consensus;

import java.util.List;
import java.util.Objects;
import org.ebc.consensus.Audit;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertificateCheck;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.Decoded;
import org.ebc.consensus.MessageKind;
import org.ebc.consensus.Proposal;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Signed;
import org.ebc.consensus.SignedQuorum;
import org.jspecify.annotations.Nullable;

/**
 * Validates a proposal of the height being decided (Besu's one validator per message kind). Order: the
 * proposer's right to propose, the block's place (readable, hash, height, parent), round 0's "the miner
 * leads", a re-proposal's justification, and last the chain's block validator, the expensive part.
 * Equivocation is the caller's check, before this one: a signed conflicting proposal is evidence whether
 * or not its block is any good.
 */
final class ProposalValidator {
    private final Consortium consortium;
    private final ProposerSchedule schedule;
    private final BlockChecks blocks;

    ProposalValidator(Consortium consortium, ProposerSchedule schedule, BlockChecks blocks) {
        this.consortium = consortium;
        this.schedule = schedule;
        this.blocks = blocks;
    }

    /** Whether {@code p}'s sender may propose in its round at all: checked before it is stored. */
    Handled mayPropose(Proposal p) {
        if (p.round() > 0 && !p.from().equals(schedule.proposer(p.height(), p.round()))) {
            return Handled.of(
                    Verdict.NOT_PROPOSER,
                    "round " + p.round() + " is " + schedule.proposer(p.height(), p.round()) + "'s, not " + p.from()
                            + "'s");
        }
        return Handled.ACCEPTED;
    }

    /** An audit's embedded proposal, verified, or why it is not one of this audit's block, height and round. */
    record Embedded(@Nullable Signed<Proposal> proposal, Handled refusal) {}

    /**
     * The signed proposal inside an approving audit, verified once per distinct proposal and height (every
     * honest audit of a block repeats the same bytes).
     */
    Embedded embeddedIn(Audit a, HeightState state) {
        byte[] raw = Objects.requireNonNull(a.proposal(), "a nil audit embeds no proposal");
        BlockHash key = BlockHash.sha256(raw);
        Signed<Proposal> known = state.verifiedProposals.get(key);
        if (known != null) {
            return new Embedded(known, Handled.ACCEPTED);
        }
        Decoded d = ConsensusCodec.decode(raw, consortium, SignedQuorum.MAX_VOTE_BYTES);
        Signed<Proposal> read = d.isOk() ? d.signed().as(Proposal.class).orElse(null) : null;
        if (read == null
                || read.payload().height() != a.height()
                || read.payload().round() != a.round()
                || !read.payload().block().equals(a.block())
                || !mayPropose(read.payload()).accepted()) {
            return new Embedded(
                    null,
                    Handled.of(
                            Verdict.AUDIT_PROPOSAL_INVALID,
                            "the approved proposal is not a valid proposal of this block, height and round: "
                                    + (d.isOk() ? d.signed().payload() : d.reason() + " " + d.detail())));
        }
        state.verifiedProposals.put(key, read);
        return new Embedded(read, Handled.ACCEPTED);
    }

    /** Validates {@code p}; the justification's audits, once verified, are added to {@code justification}. */
    Handled validate(ProposedBlock p, HeightState state, List<Signed<?>> justification) {
        BlockChecks.Placed placed = blocks.place(p.blockData(), p.block(), state);
        if (!placed.ok()) {
            return placed.outcome();
        }
        BlockFacts f = placed.requireFacts();
        if (p.round() == 0 && !f.miner().equals(p.from())) {
            return Handled.of(
                    Verdict.PROPOSER_NOT_MINER,
                    p.from() + " proposed " + f.miner() + "'s block in round 0, where the miner leads");
        }
        if (p.validRound() >= 0) {
            CertificateCheck pol = SignedQuorum.check(
                    MessageKind.AUDIT,
                    p.justification(),
                    consortium,
                    p.height(),
                    p.validRound(),
                    p.block(),
                    justification);
            if (!pol.isOk()) {
                return Handled.of(
                        Verdict.BAD_JUSTIFICATION,
                        "audits of round " + p.validRound() + ": " + pol.reason() + " (" + pol.detail() + ")");
            }
        }
        return blocks.audit(p.blockData(), f, state);
    }
}
