package org.ebc.gateway.consensus.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.EagSigner;
import org.ebc.consensus.Equivocation;
import org.ebc.consensus.EvidenceCheck;
import org.ebc.consensus.MessageKind;
import org.ebc.gateway.consensus.BlockFacts;
import org.ebc.gateway.consensus.ConsensusCore;
import org.ebc.gateway.consensus.ConsensusEvents;
import org.ebc.gateway.consensus.ConsensusPorts;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.ConsensusTransport;
import org.ebc.gateway.consensus.Handled;
import org.ebc.gateway.consensus.InMemoryChainStore;
import org.ebc.gateway.consensus.InMemoryJournal;
import org.ebc.gateway.consensus.TimerKey;
import org.ebc.gateway.consensus.Timers;
import org.ebc.gateway.consensus.Verdict;
import org.ebc.units.EagId;

/**
 * One EAG of the harness: a real {@link ConsensusCore} over in-memory twins of its store and journal
 * (which survive a crash), a {@link FakeAuditor}, a fake miner that finds a block after an exponentially
 * distributed time, and a {@link Behaviour} between its core and the network.
 */
public final class SimulatedEag implements ConsensusTransport, Timers, ConsensusEvents {
    private final Consortium consortium;
    private final EagSigner signer;
    private final ConsensusSettings settings;
    private final Simulation simulation;
    private final Network network;
    private final SplittableRandom random;
    private final long meanMiningMillis;
    private final InMemoryChainStore chain = new InMemoryChainStore(TestConsortium.GENESIS_BLOCK);
    private final InMemoryJournal journal = new InMemoryJournal();
    private final FakeAuditor auditor;
    private final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    private final List<EvidenceCheck> evidence = new ArrayList<>();
    private final List<Long> commitTimes = new ArrayList<>();
    private Behaviour behaviour;
    private ConsensusCore core;
    private boolean alive;
    private int incarnation;
    private long miningEpoch;
    private int mined;

    SimulatedEag(
            Consortium consortium,
            EagSigner signer,
            ConsensusSettings settings,
            Simulation simulation,
            Network network,
            SplittableRandom random,
            long meanMiningMillis,
            Behaviour behaviour) {
        this.consortium = consortium;
        this.signer = signer;
        this.settings = settings;
        this.simulation = simulation;
        this.network = network;
        this.random = random;
        this.meanMiningMillis = meanMiningMillis;
        this.behaviour = behaviour;
        this.auditor = new FakeAuditor(consortium, chain);
        this.core = newCore();
    }

    private ConsensusCore newCore() {
        return new ConsensusCore(
                consortium,
                signer,
                settings,
                new ConsensusPorts(this, auditor, chain, this, journal, this),
                simulation.clock(),
                random.split());
    }

    public EagId id() {
        return signer.id();
    }

    public EagSigner signer() {
        return signer;
    }

    public Consortium consortium() {
        return consortium;
    }

    /** Starts (or, after {@link #crash()}, restarts) the EAG: a new core over the same store and journal. */
    public void start() {
        incarnation++;
        core = newCore();
        alive = true;
        core.start();
    }

    /** Stops the EAG at once, as {@code kill -9} would: pending timers and deliveries are lost. */
    public void crash() {
        alive = false;
        incarnation++;
        miningEpoch++;
    }

    public boolean alive() {
        return alive;
    }

    public void behave(Behaviour b) {
        this.behaviour = b;
    }

    /** Hands a message from the network to the core; false if this EAG is down. */
    boolean deliver(byte[] raw) {
        if (!alive) {
            return false;
        }
        behaviour.observe(this, raw);
        Handled h = core.onMessage(raw);
        verdicts.merge(h.verdict(), 1, Integer::sum);
        return true;
    }

    // ConsensusTransport: through the behaviour onto the network.

    @Override
    public void broadcast(MessageKind kind, byte[] message) {
        emit(new Behaviour.Outgoing(null, kind, message));
    }

    @Override
    public void send(EagId to, MessageKind kind, byte[] message) {
        emit(new Behaviour.Outgoing(to, kind, message));
    }

    private void emit(Behaviour.Outgoing message) {
        for (Behaviour.Outgoing out : behaviour.rewrite(this, message)) {
            EagId to = out.to();
            if (to == null) {
                network.broadcast(id(), out.kind(), out.raw());
            } else {
                network.send(id(), to, out.kind(), out.raw());
            }
        }
    }

    // Timers: on the virtual clock, lost with a crash.

    @Override
    public void schedule(TimerKey key, Duration delay) {
        int inc = incarnation;
        simulation.after(delay.toMillis(), () -> {
            if (alive && incarnation == inc) {
                core.onTimer(key);
            }
        });
    }

    // ConsensusEvents: the fake miner and the records the tests read.

    @Override
    public void heightStarted(long height, BlockHash parent) {
        long epoch = ++miningEpoch;
        int inc = incarnation;
        long after = Math.max(1, Math.round(-meanMiningMillis * Math.log(1 - random.nextDouble())));
        long salt = random.nextLong();
        simulation.after(after, () -> {
            if (alive && incarnation == inc && miningEpoch == epoch && core.height() == height) {
                mined++;
                core.onBlockMined(new FakeBlock(height, parent, id(), salt, true).bytes());
            }
        });
    }

    @Override
    public void miningNotNeeded(long height) {
        miningEpoch++;
    }

    @Override
    public void committed(CertifiedBlock block, BlockFacts facts) {
        commitTimes.add(simulation.now());
    }

    @Override
    public void equivocation(Equivocation e, EvidenceCheck check) {
        evidence.add(check);
    }

    // What tests read.

    public ConsensusCore core() {
        return core;
    }

    public InMemoryChainStore chain() {
        return chain;
    }

    public InMemoryJournal journal() {
        return journal;
    }

    public FakeAuditor auditor() {
        return auditor;
    }

    public long committedHeight() {
        return chain.height();
    }

    public int verdicts(Verdict v) {
        return verdicts.getOrDefault(v, 0);
    }

    public Map<Verdict, Integer> verdicts() {
        return Map.copyOf(verdicts);
    }

    public List<EvidenceCheck> evidence() {
        return List.copyOf(evidence);
    }

    /** Virtual times of this EAG's commits. */
    public List<Long> commitTimes() {
        return List.copyOf(commitTimes);
    }

    public int blocksMined() {
        return mined;
    }

    SplittableRandom random() {
        return random;
    }

    Simulation simulation() {
        return simulation;
    }

    @Override
    public String toString() {
        return id() + "@" + chain.height() + (alive ? "" : " (down)");
    }
}
