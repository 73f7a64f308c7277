package org.ebc.gateway.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ebc.consensus.EagSigner;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyPairs;
import org.ebc.gateway.broker.BrokerEndpoint;
import org.ebc.gateway.broker.EmbeddedBroker;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.RoundTimeouts;
import org.ebc.gateway.ledger.ConsortiumNode;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.Target;
import org.ebc.units.EagId;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * {@code eag-gateway consortium bench}: N EAGs in one JVM, each a {@link ConsortiumNode} with its own SQLite ledger
 * file ({@code synchronous=FULL}), over one broker (the embedded HiveMQ, or any broker URL), with a real authority,
 * EAG certificates and a signed genesis at a low difficulty. It measures commit latency per EAG and height: from
 * the moment that EAG may mine the height (its commit of the height before, plus the block spacing every miner
 * waits) to the moment it has stored the height's block with its certificate. That covers the proof-of-work search,
 * the proposal, the audits, the replies, the commit and any round changes. Without {@code nodes} blocks carry the
 * coinbase only (consensus and storage); with them each EAG's miner offers its synthetic nodes' transfers
 * ({@link SyntheticTraffic}) and the bench also counts transactions/s.
 */
public final class ConsortiumBenchmark {
    private ConsortiumBenchmark() {}

    /**
     * @param eags how many EAGs
     * @param nodes synthetic nodes ({@link SyntheticTraffic}), spread over the EAGs as their home; 0 for blocks with
     *     the coinbase only
     * @param duration how long to run after the first commit
     * @param spacing the genesis's block interval and the least time between a commit and the next mining
     * @param difficultyBits leading zero bits of the initial target
     * @param brokerUrl an external broker, or null for the embedded one
     * @param dir where the EAGs' databases (and the embedded broker's files) go
     */
    public record Options(
            int eags, int nodes, Duration duration, Duration spacing, int difficultyBits, String brokerUrl, Path dir) {}

    /**
     * @param blocks blocks committed by every EAG (the lowest height at the end)
     * @param latencies commit latency per (block, EAG), sorted, ms
     * @param roundChanges commits whose certificate is from a round after 0 (a timeout happened)
     * @param cpuSeconds the process's CPU time during the measured part
     * @param seconds the measured part's wall time
     * @param forks heights at which two EAGs stored different blocks (must be 0)
     * @param transactions transactions in the blocks committed (at the first EAG) during the measured part
     */
    public record Result(
            long blocks,
            List<Long> latencies,
            long roundChanges,
            double cpuSeconds,
            double seconds,
            long forks,
            long transactions) {}

    public static Result run(Options o, PrintStream progress) throws MqttException, java.sql.SQLException {
        Instant t0 = Instant.now().minus(Duration.ofMinutes(1));
        KeyPair rootKeys = KeyPairs.generate();
        X509Certificate root = Certificates.selfSignedAuthority(
                rootKeys,
                "bench-authority",
                t0.minus(Duration.ofDays(1)),
                t0.plus(Duration.ofDays(3650)),
                BigInteger.ONE);
        var builder = Genesis.builder()
                .consortium("consortium bench")
                .time(t0)
                .interval(o.spacing())
                .initialTarget(Target.ofLeadingZeroBits(o.difficultyBits()))
                .maxTarget(Target.ofLeadingZeroBits(Math.min(4, o.difficultyBits())));
        List<KeyPair> keys = new ArrayList<>();
        // Synthetic nodes, dealt round the EAGs: node k is at home at EAG (k mod N) + 1.
        List<List<SyntheticTraffic.Node>> nodesOf = new ArrayList<>();
        InMemoryEnrollments enrollments = InMemoryEnrollments.EMPTY;
        for (int i = 1; i <= o.eags(); i++) {
            nodesOf.add(new ArrayList<>());
        }
        for (SyntheticTraffic.Node n : SyntheticTraffic.nodes("node", o.nodes())) {
            int home = nodesOf.stream().mapToInt(List::size).sum() % o.eags();
            nodesOf.get(home).add(n);
            enrollments = enrollments.with(n.id(), EagId.of(eagName(home + 1, o.eags())), List.of(n.address()));
        }
        for (int i = 1; i <= o.eags(); i++) {
            KeyPair k = KeyPairs.generate();
            keys.add(k);
            builder.eag(
                    EagId.of(eagName(i, o.eags())),
                    Certificates.issue(
                            root,
                            rootKeys.getPrivate(),
                            k.getPublic(),
                            CertificateSubject.eag(eagName(i, o.eags())),
                            t0.minus(Duration.ofDays(1)),
                            t0.plus(Duration.ofDays(365)),
                            BigInteger.valueOf(100 + i),
                            false));
        }
        Genesis genesis = Genesis.verify(builder.sign(rootKeys, root), root).orElseThrow();
        EmbeddedBroker broker = null;
        String url = o.brokerUrl();
        if (url == null) {
            broker = EmbeddedBroker.start(new BrokerEndpoint.Embedded(
                    "127.0.0.1", 0, o.dir().resolve("broker"), 1_000_000, BrokerEndpoint.Persistence.MEMORY));
            url = broker.serverUri();
        }
        progress.printf(
                "consortium bench: %d EAGs (quorum %d) over %s, block interval %d ms, %d-bit initial target%s%n",
                o.eags(),
                genesis.quorumSize(),
                url,
                o.spacing().toMillis(),
                o.difficultyBits(),
                o.nodes() == 0
                        ? "; blocks carry the coinbase only"
                        : "; " + o.nodes() + " synthetic nodes, each paying the next node of its EAG once a block");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long[] roundChanges = new long[1];
        long[] transactions = new long[1];
        long[] measuring = new long[] {Long.MAX_VALUE};
        List<ConsortiumNode> nodes = new ArrayList<>();
        List<SqliteLedgerStore> stores = new ArrayList<>();
        RoundTimeouts timeouts = o.eags() <= 10
                ? RoundTimeouts.defaults()
                : new RoundTimeouts(
                        Duration.ofSeconds(6),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(6));
        try {
            for (int i = 1; i <= o.eags(); i++) {
                EagId id = EagId.of(eagName(i, o.eags()));
                KeyPair k = keys.get(i - 1);
                SqliteLedgerStore store = new SqliteLedgerStore(
                        GatewayDatabase.openMigrated(
                                GatewayDatabase.file(o.dir().resolve(id.value()))),
                        genesis,
                        id);
                stores.add(store);
                SyntheticTraffic traffic = new SyntheticTraffic(id, k, genesis, nodesOf.get(i - 1));
                boolean first = i == 1;
                MqttConnectOptions mo = new MqttConnectOptions();
                mo.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                mo.setMaxInflight(65_535);
                mo.setSocketFactory(org.ebc.wire.NoDelaySockets.plain());
                ConsortiumNode node = new ConsortiumNode(
                        genesis,
                        EagSigner.of(id, k.getPrivate(), k.getPublic()),
                        k,
                        store,
                        enrollments,
                        BlockValidator.singleThreaded(genesis),
                        url,
                        mo,
                        Clock.systemUTC(),
                        new ConsortiumNode.Settings(ConsensusSettings.defaults(timeouts), o.spacing(), 1000),
                        traffic,
                        new ConsortiumNode.CommitListener() {
                            // When this EAG may mine the next height: its last commit + the spacing.
                            private long mayMine = Long.MAX_VALUE;

                            @Override
                            public void committed(
                                    org.ebc.ledger.Block block, org.ebc.consensus.CertifiedBlock certified) {
                                traffic.committed(block, certified);
                                long now = System.currentTimeMillis();
                                if (first && now >= measuring[0]) {
                                    synchronized (transactions) {
                                        transactions[0] += block.transactions().size();
                                    }
                                }
                                long from = mayMine;
                                mayMine = now + o.spacing().toMillis();
                                if (from >= measuring[0] && from != Long.MAX_VALUE) {
                                    latencies.add(Math.max(0, now - from));
                                    if (certified.certificate().round() > 0) {
                                        synchronized (roundChanges) {
                                            roundChanges[0]++;
                                        }
                                    }
                                }
                            }
                        });
                nodes.add(node);
            }
            for (ConsortiumNode n : nodes) {
                n.start();
            }
            progress.println("waiting for the first block (warm-up) ...");
            waitFor(() -> nodes.stream().allMatch(n -> n.height() >= 2), Duration.ofMinutes(5));
            long startHeight = minHeight(nodes);
            double cpu0 = cpu();
            long wall0 = System.nanoTime();
            measuring[0] = System.currentTimeMillis();
            long end = wall0 + o.duration().toNanos();
            long nextReport = wall0 + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < end) {
                sleep(200);
                if (System.nanoTime() >= nextReport) {
                    progress.printf(
                            "  %3d s: height %d at every EAG, %d commits measured%n",
                            Duration.ofNanos(System.nanoTime() - wall0).toSeconds(),
                            minHeight(nodes),
                            latencies.size());
                    nextReport += Duration.ofSeconds(10).toNanos();
                }
            }
            double seconds = (System.nanoTime() - wall0) / 1e9;
            double cpuSeconds = cpu() - cpu0;
            long endHeight = minHeight(nodes);
            for (ConsortiumNode n : nodes) {
                n.close();
            }
            long forks = 0;
            for (long h = 1; h <= endHeight; h++) {
                var first = stores.get(0).block(h).orElseThrow().hash();
                for (SqliteLedgerStore s : stores) {
                    if (!s.block(h).orElseThrow().hash().equals(first)) {
                        forks++;
                        break;
                    }
                }
            }
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            Collections.sort(sorted);
            long txs;
            synchronized (transactions) {
                txs = transactions[0];
            }
            return new Result(endHeight - startHeight, sorted, roundChanges[0], cpuSeconds, seconds, forks, txs);
        } finally {
            nodes.forEach(ConsortiumNode::close);
            stores.forEach(SqliteLedgerStore::close);
            if (broker != null) {
                broker.close();
            }
        }
    }

    public static void print(Result r, Options o, PrintStream out) {
        out.printf(
                "consortium bench: %d EAGs, %.0f s measured, %d blocks committed at every EAG (%.1f blocks/min), %d forks%n",
                o.eags(), r.seconds(), r.blocks(), r.blocks() * 60.0 / r.seconds(), r.forks());
        if (r.latencies().isEmpty()) {
            out.println("commit latency: no commit measured");
            return;
        }
        out.printf(
                "commit latency (may mine the height -> stored with its certificate, per EAG): p50 %d ms, p99 %d ms, max %d ms"
                        + " over %d commits; %d of them after a round change%n",
                PaymentTimes.nearestRank(r.latencies(), 50),
                PaymentTimes.nearestRank(r.latencies(), 99),
                r.latencies().get(r.latencies().size() - 1),
                r.latencies().size(),
                r.roundChanges());
        if (o.nodes() > 0) {
            out.printf(
                    "transactions: %d committed in %.0f s, %.1f transactions/s (allocations first, then transfers: each"
                            + " with 3 signatures, verified by every EAG)%n",
                    r.transactions(), r.seconds(), r.transactions() / r.seconds());
        }
        out.printf(
                "process CPU %.1f s in %.0f s (%.0f%% of one core); the paper's chain confirms in ~10 min%n",
                r.cpuSeconds(), r.seconds(), 100 * r.cpuSeconds() / r.seconds());
    }

    private static String eagName(int i, int n) {
        return n >= 10 ? String.format("eag-%02d", i) : "eag-" + i;
    }

    private static long minHeight(List<ConsortiumNode> nodes) {
        return nodes.stream().mapToLong(ConsortiumNode::height).min().orElse(0);
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    private static void waitFor(java.util.function.BooleanSupplier c, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("no block committed within " + max.toSeconds() + " s");
            }
            sleep(50);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
