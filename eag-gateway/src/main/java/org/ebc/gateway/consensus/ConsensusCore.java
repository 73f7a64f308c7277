package org.ebc.gateway.consensus;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ebc.consensus.Audit;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.Commit;
import org.ebc.consensus.CommitCertificate;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.Decoded;
import org.ebc.consensus.EagSigner;
import org.ebc.consensus.EvidenceReport;
import org.ebc.consensus.MessageKind;
import org.ebc.consensus.Proposal;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Reply;
import org.ebc.consensus.RoundMessage;
import org.ebc.consensus.Signed;
import org.ebc.consensus.SignedQuorum;
import org.ebc.consensus.SyncBlocks;
import org.ebc.consensus.SyncRequest;
import org.ebc.units.EagId;

/**
 * One EAG's consensus: a pure state machine. Inputs: {@link #start()}, {@link #onMessage} (a consensus
 * message from the transport), {@link #onTimer} (a timer it set has expired) and {@link #onBlockMined}
 * (this EAG's miner found a block for the current height). Outputs go through the {@link ConsensusPorts}:
 * messages to broadcast or send, timers to set, blocks to store with their certificates, events for the
 * miner and the ledger. The protocol is described in {@code docs/consensus.md}.
 *
 * <p>Not thread-safe: the adapter calls it from one thread (or under one lock), and the ports are called
 * on that thread. It never throws on hostile input; every message gets a {@link Handled} verdict.
 */
public final class ConsensusCore {
    private final Consortium consortium;
    private final EagSigner me;
    private final ConsensusSettings settings;
    private final ConsensusPorts ports;
    private final ProposalValidator proposals;
    private final BlockChecks blocks;
    private final Outbox outbox;
    private final Catchup catchup;
    private final RoundDriver driver;
    private final FutureMessages future;
    private final EquivocationWatch watch;
    private final Deque<Signed<?>> replay = new ArrayDeque<>();
    private final Clock clock;
    private HeightState state;
    private long lastCommitMillis;
    private boolean started;
    private boolean draining;

    public ConsensusCore(
            Consortium consortium,
            EagSigner me,
            ConsensusSettings settings,
            ConsensusPorts ports,
            Clock clock,
            RandomGenerator random) {
        if (!consortium.member(me.id()).map(m -> m.keyId().equals(me.keyId())).orElse(false)) {
            throw new IllegalArgumentException(me.id() + " with key " + me.keyId() + " is not an EAG of the genesis");
        }
        this.consortium = consortium;
        this.me = me;
        this.settings = settings;
        this.ports = ports;
        this.clock = clock;
        ProposerSchedule schedule = new ProposerSchedule(consortium.memberIds());
        this.blocks = new BlockChecks(ports.auditor());
        this.proposals = new ProposalValidator(consortium, schedule, blocks);
        this.outbox = new Outbox(me, consortium.genesis(), clock, ports.transport(), ports.journal());
        this.catchup = new Catchup(
                me.id(), consortium.memberIds(), ports.chain(), outbox, ports.timers(), settings, clock, random);
        this.future = new FutureMessages(settings.futureBuffer());
        this.watch = new EquivocationWatch(consortium, ports.events(), outbox);
        this.state = new HeightState(ports.chain().height() + 1, ports.chain().tip());
        this.driver = new RoundDriver(
                me.id(),
                consortium,
                schedule,
                outbox,
                ports.timers(),
                settings.timeouts(),
                ports.journal(),
                ports.events(),
                this::commit,
                state);
    }

    /** Takes up the height after the committed tip, with whatever the journal says this EAG signed there. */
    public void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        ports.journal().forgetBelow(state.height);
        int round = new JournalRestore(consortium, me.id(), settings, blocks).restore(ports.journal(), state);
        ports.events().heightStarted(state.height, state.parent);
        driver.startRound(round);
        catchup.start(state.height);
        driver.evaluate();
        drain();
    }

    /** A message from the transport, raw. */
    public Handled onMessage(byte[] raw) {
        requireStarted();
        Decoded d = ConsensusCodec.decode(raw, consortium, settings.maxMessageBytes());
        if (!d.isOk()) {
            return Handled.of(Verdict.of(d.reason()), d.detail());
        }
        Signed<?> m = d.signed();
        if (m.from().equals(me.id())) {
            return Handled.of(Verdict.OWN_MESSAGE, "sent by this EAG");
        }
        Handled out = dispatch(m);
        drain();
        return out;
    }

    public void onTimer(TimerKey key) {
        requireStarted();
        if (key.kind() == TimerKind.SYNC) {
            catchup.onTimer(key, state.height);
        } else {
            driver.onTimer(key);
        }
        drain();
    }

    /** This EAG's miner found {@code block}; it is audited like any other before it is proposed. */
    public Handled onBlockMined(byte[] block) {
        requireStarted();
        Optional<BlockFacts> read = ports.auditor().describe(block);
        if (read.isEmpty()) {
            return Handled.of(Verdict.BLOCK_UNREADABLE, "the miner's bytes are not a block");
        }
        BlockFacts f = read.get();
        if (f.height() != state.height || !f.previous().equals(state.parent)) {
            return Handled.of(Verdict.MINED_STALE, "mined for height " + f.height() + ", deciding " + state.height);
        }
        if (!f.miner().equals(me.id())) {
            return Handled.of(Verdict.PROPOSER_NOT_MINER, "the miner's block names " + f.miner() + " as miner");
        }
        Handled audited = blocks.audit(block, f, state);
        if (!audited.accepted()) {
            return audited;
        }
        if (state.mined == null) {
            state.mined = f.hash();
        }
        driver.evaluate();
        drain();
        return Handled.ACCEPTED;
    }

    private Handled dispatch(Signed<?> m) {
        return switch (m.payload()) {
            case SyncRequest q -> catchup.onRequest(m.as(SyncRequest.class).orElseThrow());
            case SyncBlocks b -> onSyncBlocks(b, m.from());
            case EvidenceReport e -> watch.onReport(e);
            case RoundMessage rm -> onRoundMessage(m, rm);
        };
    }

    private Handled onRoundMessage(Signed<?> m, RoundMessage rm) {
        if (rm.height() < state.height) {
            if (!(rm instanceof Commit) && isLagging(rm.height())) {
                catchup.answerLagging(m.from(), rm.height());
            }
            return Handled.of(Verdict.OLD_HEIGHT, "height " + rm.height() + " is committed here");
        }
        if (rm.height() > state.height) {
            future.offer(state.height, m, rm);
            catchup.peerAhead(m.from(), rm.height(), state.height);
            return Handled.of(Verdict.FUTURE_HEIGHT, "height " + rm.height() + ", deciding " + state.height);
        }
        if (!(rm instanceof Commit)) {
            // Where the others are, even when their message is not kept: f+1 of them lead this EAG on.
            state.sawRound(m.from(), rm.round());
        }
        // A commit is not kept per round: its certificate decides whatever round it is of.
        if (!(rm instanceof Commit) && rm.round() > state.round + settings.maxRoundsAhead()) {
            driver.evaluate();
            return Handled.of(Verdict.ROUND_TOO_FAR_AHEAD, "round " + rm.round() + ", at round " + state.round);
        }
        Handled out = switch (rm) {
            case Proposal p -> onProposal(m.as(Proposal.class).orElseThrow());
            case ProposedBlock b -> onProposedBlock(m.as(ProposedBlock.class).orElseThrow());
            case Audit a -> onAudit(m.as(Audit.class).orElseThrow());
            case Reply r -> fileVote(state.replies, m.as(Reply.class).orElseThrow());
            case Commit c -> onCommit(c, m.from());
        };
        driver.evaluate();
        return out;
    }

    /**
     * A vote of a committed height comes from an EAG that lacks that block, unless it is a vote of the
     * height just committed that was merely slower than the commit, which is on its way to it.
     */
    private boolean isLagging(long theirHeight) {
        return theirHeight < state.height - 1
                || clock.millis() - lastCommitMillis
                        > settings.timeouts().sync().toMillis();
    }

    /** A signed proposal on its own (it normally travels inside a proposed block or an audit). */
    private Handled onProposal(Signed<Proposal> sp) {
        Handled may = proposals.mayPropose(sp.payload());
        return may.accepted() ? fileVote(state.proposals, sp) : may;
    }

    private Handled onProposedBlock(Signed<ProposedBlock> sb) {
        ProposedBlock pb = sb.payload();
        Handled may = proposals.mayPropose(pb.proposal().payload());
        if (!may.accepted()) {
            return may;
        }
        Handled filed = fileVote(state.proposals, pb.proposal());
        if (filed.verdict() == Verdict.EQUIVOCATION) {
            return filed;
        }
        if (state.proposedBlocks.putIfAbsent(sb) != null) {
            return Handled.of(Verdict.DUPLICATE, "the same proposed block again");
        }
        List<Signed<?>> justification = new ArrayList<>();
        Handled outcome = proposals.validate(pb, state, justification);
        state.recordProposalOutcome(pb, outcome);
        for (Signed<?> a : justification) {
            fileVote(state.audits, a.as(Audit.class).orElseThrow());
        }
        if (outcome.accepted() && !state.miningStopped) {
            state.miningStopped = true;
            ports.events().miningNotNeeded(state.height);
        }
        return outcome;
    }

    /** An audit; one that approves a block must carry that block's signed proposal, which is filed too. */
    private Handled onAudit(Signed<Audit> sa) {
        if (sa.payload().proposal() != null) {
            ProposalValidator.Embedded embedded = proposals.embeddedIn(sa.payload(), state);
            Signed<Proposal> proposal = embedded.proposal();
            if (proposal == null) {
                return embedded.refusal();
            }
            fileVote(state.proposals, proposal);
        }
        return fileVote(state.audits, sa);
    }

    private <T extends RoundMessage> Handled fileVote(RoundVotes<T> votes, Signed<T> vote) {
        return watch.file(votes, vote);
    }

    private Handled onCommit(Commit c, EagId from) {
        CommitCertificate cert = c.certificate();
        CommitCertificate pending = state.pendingCertificate;
        if (pending != null && pending.block().equals(cert.block())) {
            return Handled.of(Verdict.DUPLICATE, "commit of " + cert.block().shortHex() + " again");
        }
        List<Signed<?>> replies = new ArrayList<>();
        Handled checked = Verdict.of(SignedQuorum.check(
                MessageKind.REPLY, cert.replies(), consortium, cert.height(), cert.round(), cert.block(), replies));
        if (!checked.accepted()) {
            return checked;
        }
        for (Signed<?> r : replies) {
            fileVote(state.replies, r.as(Reply.class).orElseThrow());
        }
        AuditResult bad = state.badBlocks.get(cert.block());
        if (bad != null) {
            return Handled.of(
                    Verdict.BLOCK_INVALID, "a quorum certified a block our validator refuses: " + bad.reason());
        }
        state.pendingCertificate = cert;
        if (!state.goodBlocks.containsKey(cert.block())) {
            catchup.fetch(from, state.height);
        }
        return Handled.ACCEPTED;
    }

    private Handled onSyncBlocks(SyncBlocks answer, EagId from) {
        Handled out;
        if (answer.blocks().isEmpty()) {
            out = Handled.ACCEPTED;
        } else if (answer.height() > state.height) {
            out = Handled.of(
                    Verdict.SYNC_UNEXPECTED, "blocks from " + answer.height() + ", this EAG needs " + state.height);
        } else {
            out = Handled.of(Verdict.DUPLICATE, "every block sent is held here");
            for (CertifiedBlock b : answer.blocks()) {
                if (b.height() < state.height) {
                    continue;
                }
                Handled one = applyCertified(b);
                if (!one.accepted()) {
                    out = one;
                    break;
                }
                out = Handled.ACCEPTED;
            }
        }
        catchup.answered(from, answer.tip(), ports.chain().height());
        return out;
    }

    /** A block from a catch-up answer: its certificate, its place and the block validator, then stored. */
    private Handled applyCertified(CertifiedBlock b) {
        Handled cert = Verdict.of(b.certificate().verify(consortium));
        if (!cert.accepted()) {
            return cert;
        }
        BlockChecks.Placed placed = blocks.place(b.block(), b.hash(), state);
        if (!placed.ok()) {
            return placed.outcome();
        }
        Handled audited = blocks.audit(b.block(), placed.requireFacts(), state);
        if (!audited.accepted()) {
            return audited;
        }
        commit(b, placed.requireFacts());
        return Handled.ACCEPTED;
    }

    /** Stores a decided block (its certificate verified, the block audited) and takes up the next height. */
    private void commit(CertifiedBlock block, BlockFacts facts) {
        ports.chain().append(block, facts);
        lastCommitMillis = clock.millis();
        ports.events().committed(block, facts);
        ports.journal().forgetBelow(block.height() + 1);
        state = new HeightState(ports.chain().height() + 1, ports.chain().tip());
        driver.attach(state);
        catchup.heightReached(state.height);
        ports.events().heightStarted(state.height, state.parent);
        driver.startRound(0);
        replay.addAll(future.takeFor(state.height));
    }

    /** Messages of the new height that arrived early, now handled in arrival order. */
    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!replay.isEmpty()) {
                Signed<?> m = replay.poll();
                if (m.payload() instanceof RoundMessage rm && rm.height() == state.height) {
                    onRoundMessage(m, rm);
                }
            }
        } finally {
            draining = false;
        }
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("start() the core first");
        }
    }

    /** The height being decided (the committed height + 1). */
    public long height() {
        return state.height;
    }

    public int round() {
        return state.round;
    }

    public RoundStep step() {
        return state.step;
    }

    /** The round this EAG is locked since at the current height, or -1 if it is not locked. */
    public int lockedRound() {
        HeightState.Lock l = state.locked;
        return l == null ? -1 : l.round();
    }

    public EagId id() {
        return me.id();
    }
}
