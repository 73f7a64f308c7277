package org.ebc.gateway.consensus.harness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ebc.consensus.Audit;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.Commit;
import org.ebc.consensus.CommitCertificate;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.EagSigner;
import org.ebc.consensus.Equivocation;
import org.ebc.consensus.EvidenceCheck;
import org.ebc.consensus.GenesisHash;
import org.ebc.consensus.MessageKind;
import org.ebc.consensus.Proposal;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Reply;
import org.ebc.consensus.Signed;
import org.ebc.gateway.consensus.BlockFacts;
import org.ebc.gateway.consensus.ConsensusCore;
import org.ebc.gateway.consensus.ConsensusEvents;
import org.ebc.gateway.consensus.ConsensusPorts;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.ConsensusTransport;
import org.ebc.gateway.consensus.InMemoryChainStore;
import org.ebc.gateway.consensus.InMemoryJournal;
import org.ebc.gateway.consensus.RoundTimeouts;
import org.ebc.gateway.consensus.TimerKey;
import org.ebc.gateway.consensus.Timers;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * One core (EAG {@code eag-0} of four) with every port captured, and builders for the messages its peers
 * would send: for tests of single inputs and their verdicts. Time moves only when the test says so.
 */
public final class CoreFixture implements ConsensusTransport, Timers, ConsensusEvents {
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    /** A message the core put on the wire ({@code to == null}: broadcast). */
    public record Sent(@Nullable EagId to, MessageKind kind, byte[] raw) {}

    public final TestConsortium members = TestConsortium.of(4);
    public final Consortium consortium = members.consortium();
    public final VirtualClock clock = new VirtualClock();
    public final InMemoryChainStore chain = new InMemoryChainStore(TestConsortium.GENESIS_BLOCK);
    public final InMemoryJournal journal;
    public final FakeAuditor auditor = new FakeAuditor(consortium, chain);
    public final List<Sent> sent = new ArrayList<>();
    public final List<TimerKey> timers = new ArrayList<>();
    public final List<EvidenceCheck> evidence = new ArrayList<>();
    public final List<CertifiedBlock> committed = new ArrayList<>();
    public final List<Long> miningStopped = new ArrayList<>();
    public final ConsensusSettings settings = new ConsensusSettings(
            new RoundTimeouts(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(2)),
            MAX_MESSAGE_BYTES,
            64,
            64,
            1024);
    public ConsensusCore core;

    public CoreFixture() {
        this(new InMemoryJournal());
    }

    /** A core over an existing journal (a restart). */
    public CoreFixture(InMemoryJournal journal) {
        this.journal = journal;
        this.core = newCore();
    }

    public ConsensusCore newCore() {
        return new ConsensusCore(
                consortium,
                members.signer(0),
                settings,
                new ConsensusPorts(this, auditor, chain, this, journal, this),
                clock,
                new SplittableRandom(1));
    }

    public CoreFixture started() {
        core.start();
        return this;
    }

    public void advance(Duration d) {
        clock.set(clock.millis() + d.toMillis());
    }

    public EagSigner signer(int i) {
        return members.signer(i);
    }

    public static EagId id(int i) {
        return TestConsortium.id(i);
    }

    public GenesisHash genesis() {
        return consortium.genesis();
    }

    // Blocks and messages as peers would make them.

    public FakeBlock block(long height, int miner) {
        return new FakeBlock(height, chain.tip(), id(miner), 1000 + miner, true);
    }

    public Signed<Proposal> proposal(int from, long height, int round, BlockHash block, int validRound) {
        return ConsensusCodec.sign(
                new Proposal(id(from), clock.millis(), genesis(), height, round, block, validRound), signer(from));
    }

    public Signed<ProposedBlock> proposed(int from, int round, FakeBlock block, int validRound, List<byte[]> pol) {
        return proposed(from, proposal(from, block.height(), round, block.hash(), validRound), block.bytes(), pol);
    }

    public Signed<ProposedBlock> proposed(int from, Signed<Proposal> proposal, byte[] data, List<byte[]> pol) {
        return ConsensusCodec.sign(
                new ProposedBlock(id(from), clock.millis(), genesis(), proposal, data, pol), signer(from));
    }

    public Signed<Audit> audit(int from, Signed<Proposal> approved) {
        return ConsensusCodec.sign(Audit.approving(id(from), clock.millis(), approved), signer(from));
    }

    public Signed<Audit> nilAudit(int from, long height, int round) {
        return ConsensusCodec.sign(Audit.nil(id(from), clock.millis(), genesis(), height, round, "test"), signer(from));
    }

    public Signed<Reply> reply(int from, long height, int round, BlockHash block) {
        return ConsensusCodec.sign(new Reply(id(from), clock.millis(), genesis(), height, round, block), signer(from));
    }

    public CommitCertificate certificate(long height, int round, BlockHash block, int... signers) {
        List<byte[]> replies = new ArrayList<>();
        for (int i : signers) {
            replies.add(reply(i, height, round, block).raw());
        }
        return new CommitCertificate(genesis(), height, round, block, replies);
    }

    public Signed<Commit> commit(int from, CommitCertificate certificate) {
        return ConsensusCodec.sign(new Commit(id(from), clock.millis(), genesis(), certificate), signer(from));
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The messages of {@code kind} the core sent. */
    public List<Sent> sent(MessageKind kind) {
        return sent.stream().filter(s -> s.kind() == kind).toList();
    }

    // The ports.

    @Override
    public void broadcast(MessageKind kind, byte[] message) {
        sent.add(new Sent(null, kind, message));
    }

    @Override
    public void send(EagId to, MessageKind kind, byte[] message) {
        sent.add(new Sent(to, kind, message));
    }

    @Override
    public void schedule(TimerKey key, Duration delay) {
        timers.add(key);
    }

    @Override
    public void heightStarted(long height, BlockHash parent) {}

    @Override
    public void miningNotNeeded(long height) {
        miningStopped.add(height);
    }

    @Override
    public void committed(CertifiedBlock block, BlockFacts facts) {
        committed.add(block);
    }

    @Override
    public void equivocation(Equivocation e, EvidenceCheck check) {
        evidence.add(check);
    }
}
