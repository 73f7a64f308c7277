package org.ebc.gateway.consensus.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertificateCheck;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.QuorumRule;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.RoundTimeouts;

/**
 * {@code n} EAGs in one process on a simulated network (after Besu's {@code TestContextBuilder}): a
 * seeded scheduler, a network whose delays, losses, repeats and partitions the test controls, crashes and
 * restarts with persisted stores, and byzantine behaviours per EAG. Everything runs on virtual time.
 */
public final class TestContext {
    private final TestConsortium consortium;
    private final Simulation simulation;
    private final Network network;
    private final List<SimulatedEag> eags;
    private final Map<Integer, Behaviour> byzantine;

    private TestContext(Builder b) {
        this.consortium = TestConsortium.of(b.eags, b.rule);
        this.simulation = new Simulation();
        SplittableRandom random = new SplittableRandom(b.seed);
        this.network = new Network(simulation, random.split(), b.conditions);
        ConsensusSettings settings = new ConsensusSettings(b.timeouts, 16 * 1024 * 1024, b.syncBatch, 64, 4096);
        this.byzantine = Map.copyOf(b.byzantine);
        this.eags = new ArrayList<>(b.eags);
        for (int i = 0; i < b.eags; i++) {
            SimulatedEag eag = new SimulatedEag(
                    consortium.consortium(),
                    consortium.signer(i),
                    settings,
                    simulation,
                    network,
                    random.split(),
                    b.meanMiningMillis,
                    byzantine.getOrDefault(i, Behaviour.HONEST));
            eags.add(eag);
            network.attach(eag);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts every EAG at virtual time 0. */
    public TestContext start() {
        for (SimulatedEag e : eags) {
            e.start();
        }
        return this;
    }

    public SimulatedEag eag(int i) {
        return eags.get(i);
    }

    public List<SimulatedEag> eags() {
        return List.copyOf(eags);
    }

    /** The EAGs without a byzantine behaviour, up or down. */
    public List<SimulatedEag> honest() {
        List<SimulatedEag> out = new ArrayList<>();
        for (int i = 0; i < eags.size(); i++) {
            if (!byzantine.containsKey(i)) {
                out.add(eags.get(i));
            }
        }
        return out;
    }

    public TestConsortium consortium() {
        return consortium;
    }

    public Network network() {
        return network;
    }

    public MessageStats stats() {
        return network.stats();
    }

    public Simulation simulation() {
        return simulation;
    }

    public boolean runUntil(BooleanSupplier done, Duration max) {
        return simulation.runUntil(done, max.toMillis());
    }

    public void runFor(Duration d) {
        simulation.runFor(d.toMillis());
    }

    /** The lowest committed height among honest EAGs that are up. */
    public long minHonestUpHeight() {
        return honest().stream()
                .filter(SimulatedEag::alive)
                .mapToLong(SimulatedEag::committedHeight)
                .min()
                .orElse(0);
    }

    public long maxHeight() {
        return eags.stream().mapToLong(SimulatedEag::committedHeight).max().orElse(0);
    }

    /**
     * The safety property: no two honest EAGs (up or down) committed different blocks at one height, and
     * every certificate they stored verifies. Returns the forks found, height by height (empty: safe).
     */
    public Map<Long, Set<String>> forks() {
        Map<Long, Set<String>> byHeight = new TreeMap<>();
        for (SimulatedEag e : honest()) {
            List<BlockHash> hashes = e.chain().hashes();
            for (int i = 0; i < hashes.size(); i++) {
                byHeight.computeIfAbsent(i + 1L, h -> new TreeSet<>())
                        .add(hashes.get(i).hex());
            }
        }
        Map<Long, Set<String>> forks = new HashMap<>();
        byHeight.forEach((h, set) -> {
            if (set.size() > 1) {
                forks.put(h, set);
            }
        });
        return forks;
    }

    /** Certificates stored by honest EAGs that do not verify (should be none). */
    public List<String> badCertificates() {
        List<String> bad = new ArrayList<>();
        for (SimulatedEag e : honest()) {
            for (long h = 1; h <= e.committedHeight(); h++) {
                CertifiedBlock b = e.chain().block(h).orElseThrow();
                CertificateCheck c = b.certificate().verify(consortium.consortium());
                if (!c.isOk() || !b.certificate().block().equals(BlockHash.sha256(b.block()))) {
                    bad.add(e.id() + "@" + h + ": " + c);
                }
            }
        }
        return bad;
    }

    /** Builds a {@link TestContext}; every setting has a default a calm 4-EAG run needs. */
    public static final class Builder {
        private int eags = 4;
        private QuorumRule rule = QuorumRule.BFT;
        private long seed = 1;
        private NetworkConditions conditions = NetworkConditions.calm();
        private long meanMiningMillis = 2_000;
        private RoundTimeouts timeouts = new RoundTimeouts(
                Duration.ofMillis(400),
                Duration.ofMillis(200),
                Duration.ofMillis(200),
                Duration.ofMillis(100),
                Duration.ofSeconds(5),
                Duration.ofMillis(300));
        private int syncBatch = 64;
        private final Map<Integer, Behaviour> byzantine = new HashMap<>();

        public Builder eags(int n) {
            this.eags = n;
            return this;
        }

        public Builder quorum(QuorumRule r) {
            this.rule = r;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder network(NetworkConditions c) {
            this.conditions = c;
            return this;
        }

        /** The mean time one EAG's miner takes to find a block (the consortium finds one n times faster). */
        public Builder meanMiningMillis(long m) {
            this.meanMiningMillis = m;
            return this;
        }

        public Builder timeouts(RoundTimeouts t) {
            this.timeouts = t;
            return this;
        }

        public Builder syncBatch(int b) {
            this.syncBatch = b;
            return this;
        }

        public Builder byzantine(int eag, Behaviour b) {
            this.byzantine.put(eag, b);
            return this;
        }

        public TestContext build() {
            return new TestContext(this);
        }
    }
}
