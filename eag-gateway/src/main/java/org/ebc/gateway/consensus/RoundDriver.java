package org.ebc.gateway.consensus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ebc.consensus.Audit;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.CommitCertificate;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.Proposal;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Reply;
import org.ebc.consensus.RoundMessage;
import org.ebc.consensus.Signed;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a round, applied to the {@link HeightState} whenever something changed (Tendermint's
 * "upon" rules, with the paper's message flow; line numbers are those of Algorithm 1 in Buchman, Kwon and
 * Milosevic, "The latest gossip on BFT consensus", 2018):
 *
 * <ol>
 *   <li>propose: round 0 lets this EAG's miner's block go out if it has audited nothing yet; from round 1
 *       the scheduled proposer re-proposes its valid block with the audits that justify it, or else the
 *       first good block it knows (L14–L19);
 *   <li>audit (prevote): round 0, the first valid proposal seen; later rounds, the scheduled proposer's,
 *       unless locked on another block by a later or equal round than the proposal's justification
 *       (L22–L33); nil if the proposal is refused or does not come in time (L57);
 *   <li>a quorum of audits for a proposed block: remember it as the valid block; if not yet replied, lock
 *       on it and reply to its leader (L36–L43);
 *   <li>a round in which no block can reach a quorum any more, or whose audit or reply timeout expires:
 *       next round (L44, L61, L65 with no nil replies on the wire);
 *   <li>{@code f+1} EAGs in a higher round: go there (L55);
 *   <li>decide: a quorum of replies for a block held here (this EAG leads: it broadcasts the commit), or a
 *       verified commit certificate (L49).
 * </ol>
 */
final class RoundDriver {
    /** How the driver hands a decided block back to the core. */
    interface Committer {
        void commit(CertifiedBlock block, BlockFacts facts);
    }

    private final EagId me;
    private final Consortium consortium;
    private final ProposerSchedule schedule;
    private final Outbox outbox;
    private final Timers timers;
    private final RoundTimeouts timeouts;
    private final ConsensusJournal journal;
    private final ConsensusEvents events;
    private final Committer committer;
    private HeightState state;

    RoundDriver(
            EagId me,
            Consortium consortium,
            ProposerSchedule schedule,
            Outbox outbox,
            Timers timers,
            RoundTimeouts timeouts,
            ConsensusJournal journal,
            ConsensusEvents events,
            Committer committer,
            HeightState initial) {
        this.me = me;
        this.consortium = consortium;
        this.schedule = schedule;
        this.outbox = outbox;
        this.timers = timers;
        this.timeouts = timeouts;
        this.journal = journal;
        this.events = events;
        this.committer = committer;
        this.state = initial;
    }

    void attach(HeightState s) {
        state = s;
    }

    void startRound(int round) {
        state.round = round;
        state.step = RoundStep.PROPOSE;
        events.roundStarted(state.height, round);
        if (round > 0) {
            timers.schedule(
                    new TimerKey(TimerKind.PROPOSE, state.height, round), timeouts.of(TimerKind.PROPOSE, round));
        }
        resumeOwnVotes(round);
        maybePropose();
    }

    /** After a restart: what this EAG signed in this round stands; send it again and take up its step. */
    private void resumeOwnVotes(int round) {
        Signed<ProposedBlock> p = state.proposedBlocks.get(round, me);
        if (p != null) {
            outbox.resend(p, null);
        }
        Signed<Audit> a = state.audits.get(round, me);
        if (a != null) {
            outbox.resend(a, null);
            enterAudit();
        }
        Signed<Reply> r = state.replies.get(round, me);
        if (r != null) {
            Signed<ProposedBlock> led =
                    state.acceptedProposal(round, r.payload().block());
            outbox.resend(r, led == null ? null : led.from());
            enterReply();
        }
    }

    void onTimer(TimerKey key) {
        if (key.height() != state.height || key.round() != state.round) {
            return;
        }
        switch (key.kind()) {
            case PROPOSE -> {
                if (state.step == RoundStep.PROPOSE) {
                    audit(null, "no valid proposal from " + schedule.proposer(state.height, state.round) + " in time");
                }
            }
            case AUDIT -> {
                if (state.step == RoundStep.AUDIT) {
                    startRound(state.round + 1);
                }
            }
            case REPLY -> {
                if (state.step == RoundStep.REPLY) {
                    startRound(state.round + 1);
                }
            }
            case SYNC -> throw new IllegalArgumentException("sync timers are the catch-up's");
        }
        evaluate();
    }

    /** Applies the rules until none fires (or the height is committed). */
    void evaluate() {
        HeightState s = state;
        boolean again = true;
        while (again && state == s) {
            if (decide()) {
                return;
            }
            maybePropose();
            again = auditTheProposal() || onAuditQuorum() || leaveDeadRound() || followHigherRound();
        }
    }

    private void maybePropose() {
        int r = state.round;
        if (state.step != RoundStep.PROPOSE || state.proposedBlocks.get(r, me) != null) {
            return;
        }
        if (r == 0) {
            if (state.mined != null) {
                proposeFresh(state.mined);
            }
            return;
        }
        if (!me.equals(schedule.proposer(state.height, r))) {
            return;
        }
        HeightState.Valid v = state.valid;
        if (v != null) {
            keepOwn(outbox.propose(state.height, r, v.block(), v.round(), v.data(), v.justification()));
            return;
        }
        BlockHash first = state.firstGoodBlock();
        if (first != null) {
            proposeFresh(first);
        }
    }

    private void proposeFresh(BlockHash block) {
        byte[] data = state.goodBlocks.get(block);
        if (data != null) {
            keepOwn(outbox.propose(state.height, state.round, block, -1, data, List.of()));
        }
    }

    private void keepOwn(Signed<ProposedBlock> own) {
        state.proposedBlocks.putIfAbsent(own);
        state.proposals.putIfAbsent(own.payload().proposal());
        state.recordProposalOutcome(own.payload(), Handled.ACCEPTED);
        if (!state.miningStopped) {
            state.miningStopped = true;
            events.miningNotNeeded(state.height);
        }
    }

    private boolean auditTheProposal() {
        if (state.step != RoundStep.PROPOSE) {
            return false;
        }
        int r = state.round;
        Signed<ProposedBlock> chosen = null;
        if (r == 0) {
            for (Signed<ProposedBlock> p : state.proposedBlocks.inRound(0).values()) {
                Handled outcome = state.proposalOutcome(0, p.from());
                if (outcome != null && outcome.accepted()) {
                    chosen = p;
                    break;
                }
            }
            if (chosen == null) {
                return false;
            }
        } else {
            chosen = state.proposedBlocks.get(r, schedule.proposer(state.height, r));
            if (chosen == null) {
                return false;
            }
            Handled outcome = state.proposalOutcome(r, chosen.from());
            if (outcome == null || !outcome.accepted()) {
                audit(
                        null,
                        "proposal refused: "
                                + (outcome == null ? "unchecked" : outcome.verdict() + " " + outcome.detail()));
                return true;
            }
        }
        ProposedBlock p = chosen.payload();
        HeightState.Lock lock = state.locked;
        if (lock == null || lock.block().equals(p.block()) || (p.validRound() >= 0 && lock.round() <= p.validRound())) {
            audit(p.proposal(), "");
        } else {
            audit(null, "locked on " + lock.block().shortHex() + " since round " + lock.round());
        }
        return true;
    }

    private void audit(@Nullable Signed<Proposal> proposal, String note) {
        if (state.audits.get(state.round, me) == null) {
            state.audits.putIfAbsent(outbox.audit(state.height, state.round, proposal, note));
        }
        enterAudit();
    }

    private void enterAudit() {
        state.step = RoundStep.AUDIT;
        timers.schedule(
                new TimerKey(TimerKind.AUDIT, state.height, state.round), timeouts.of(TimerKind.AUDIT, state.round));
    }

    private void enterReply() {
        state.step = RoundStep.REPLY;
        timers.schedule(
                new TimerKey(TimerKind.REPLY, state.height, state.round), timeouts.of(TimerKind.REPLY, state.round));
    }

    private boolean onAuditQuorum() {
        int r = state.round;
        if (state.step == RoundStep.PROPOSE || state.quorumRounds.contains(r)) {
            return false;
        }
        for (Map.Entry<BlockHash, Integer> e : state.audits.tally(r).entrySet()) {
            Signed<ProposedBlock> proposal = state.acceptedProposal(r, e.getKey());
            byte[] data = state.goodBlocks.get(e.getKey());
            if (e.getValue() < consortium.quorum() || proposal == null || data == null) {
                continue;
            }
            state.quorumRounds.add(r);
            List<byte[]> justification = firstQuorum(state.audits.naming(r, e.getKey()));
            journal.recordValid(state.height, r, data, justification);
            state.valid = new HeightState.Valid(r, e.getKey(), data, justification);
            if (state.step == RoundStep.AUDIT) {
                state.locked = new HeightState.Lock(r, e.getKey());
                if (state.replies.get(r, me) == null) {
                    state.replies.putIfAbsent(outbox.reply(state.height, r, e.getKey(), proposal.from()));
                }
                enterReply();
            }
            return true;
        }
        return false;
    }

    private boolean leaveDeadRound() {
        if (state.step != RoundStep.AUDIT) {
            return false;
        }
        int r = state.round;
        int open = consortium.size() - state.audits.inRound(r).size();
        int best = 0;
        for (int votes : state.audits.tally(r).values()) {
            best = Math.max(best, votes);
        }
        if (best + open >= consortium.quorum()) {
            return false;
        }
        startRound(r + 1);
        return true;
    }

    private boolean followHigherRound() {
        int target = state.roundReachedBy(consortium.weakQuorum());
        if (target <= state.round) {
            return false;
        }
        startRound(target);
        return true;
    }

    private boolean decide() {
        // A verified commit first: this EAG then stores the block without announcing it again.
        CommitCertificate pending = state.pendingCertificate;
        if (pending != null) {
            byte[] data = state.goodBlocks.get(pending.block());
            BlockFacts facts = state.facts.get(pending.block());
            if (data != null && facts != null) {
                committer.commit(new CertifiedBlock(data, pending), facts);
                return true;
            }
        }
        // A quorum of replies sent to this EAG (it leads): it assembles the certificate and announces it.
        for (int r : state.replies.rounds()) {
            for (Map.Entry<BlockHash, Integer> e : state.replies.tally(r).entrySet()) {
                byte[] data = state.goodBlocks.get(e.getKey());
                BlockFacts facts = state.facts.get(e.getKey());
                if (e.getValue() >= consortium.quorum() && data != null && facts != null) {
                    CommitCertificate cert = new CommitCertificate(
                            consortium.genesis(),
                            state.height,
                            r,
                            e.getKey(),
                            firstQuorum(state.replies.naming(r, e.getKey())));
                    outbox.commit(cert);
                    committer.commit(new CertifiedBlock(data, cert), facts);
                    return true;
                }
            }
        }
        return false;
    }

    /** The first quorum of votes in genesis order: a deterministic, minimal certificate or justification. */
    private <T extends RoundMessage> List<byte[]> firstQuorum(List<Signed<T>> votes) {
        List<Signed<T>> sorted = new ArrayList<>(votes);
        sorted.sort(Comparator.comparingInt(v -> consortium.indexOf(v.from())));
        List<byte[]> out = new ArrayList<>(consortium.quorum());
        for (Signed<T> v : sorted.subList(0, Math.min(sorted.size(), consortium.quorum()))) {
            out.add(v.raw());
        }
        return out;
    }
}
