package org.ebc.gateway.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.broker.BrokerEndpoint;
import org.ebc.gateway.broker.BrokerSettings;
import org.ebc.gateway.broker.EmbeddedBroker;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * {@code eag-gateway consortium bench} with simulated meters trading: N substations of one consortium over one broker,
 * each a real gateway with its seat in the consortium, its own fsync'd SQLite file and its own meters. The gateways run
 * as the operator runs them ({@code eag-gateway run}, one process each) or, when N is too large for the machine, as N
 * {@link Gateway}s in this JVM; the meters are meter agents on Pi4J mock GPIO, in processes of their own. The meters
 * read, offer and bid in their EAG's market, their bills are settled by their readings and paid in energy coins; every
 * EAG's payments go into its memory pool, are gossiped and mined into blocks that all N EAGs audit and commit.
 *
 * <p>Figures come from the gateways' own databases, read from outside ({@link ChainWatch}, polled every {@value
 * #POLL_MS} ms): commit latency per EAG and height as the in-JVM bench defines it, blocks, transactions/s, and
 * how long a paid bill's transfer waits in the pool until a committed block holds it.
 */
public final class TradingConsortium {
    static final long POLL_MS = 20;

    private TradingConsortium() {}

    /** Where the gateways run. */
    public enum Hosting {
        /** {@code java -jar eag-gateway.jar run}, one process per EAG. */
        PROCESSES("processes"),
        /** N {@link Gateway}s in this JVM (for a consortium too large for a process each). */
        IN_JVM("in-jvm");

        private final String wireName;

        Hosting(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Hosting> of(String name) {
            for (Hosting h : values()) {
                if (h.wireName.equals(name)) {
                    return Optional.of(h);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @param eags how many EAGs (substations)
     * @param meters simulated meters, dealt to the EAGs in contiguous runs (at least 2 per EAG: a buyer and a seller)
     * @param duration how long to measure after the warm-up
     * @param interval the genesis's block interval
     * @param difficultyBits leading zero bits of the initial proof-of-work target
     * @param brokerUrl an external broker, or null for an embedded one in this JVM
     * @param dir where everything goes (authority, gateways, agents, logs)
     */
    public record Options(
            int eags,
            int meters,
            Duration duration,
            Duration interval,
            int difficultyBits,
            Hosting hosting,
            Path gatewayJar,
            Path agentJar,
            BenchMarket market,
            @Nullable String brokerUrl,
            Path dir) {}

    /**
     * @param blocks blocks committed at every EAG during the measured part
     * @param commitLatencies per (block, EAG), sorted, ms
     * @param roundChanges blocks (at the first EAG) committed in a round after 0
     * @param forks heights at which two EAGs stored different blocks (must be 0)
     * @param transactions transactions in the blocks the first EAG stored during the measured part
     * @param transfers of them, payments of bills
     * @param billsPaid bills paid at all EAGs during the measured part
     * @param paymentLatencies paid bill's transfer entering the pool -> committed, per transfer entered during the
     *     measured part and committed by its end, sorted, ms
     * @param paymentsWaiting transfers still waiting for a block at the end, at all EAGs
     * @param cpuSeconds CPU time of the gateways (their processes, or this JVM) during the measured part
     * @param agentCpuSeconds CPU time of the agent processes during the measured part
     */
    public record Result(
            long blocks,
            List<Long> commitLatencies,
            long roundChanges,
            double seconds,
            long forks,
            long transactions,
            long transfers,
            long billsPaid,
            List<Long> paymentLatencies,
            long paymentsWaiting,
            double cpuSeconds,
            double agentCpuSeconds) {}

    /** One substation: its site, its gateway (a process or an instance here) and the watch on its ledger. */
    private static final class Substation implements AutoCloseable {
        final BenchSite site;
        final Path db;

        @Nullable
        GatewayProcess process;

        @Nullable
        Gateway inJvm;

        @Nullable
        ChainWatch watch;

        Substation(BenchSite site) {
            this.site = site;
            this.db = GatewayDatabase.file(site.gatewayDir());
        }

        ChainWatch watch() {
            ChainWatch w = watch;
            if (w == null) {
                throw new IllegalStateException("no watch on " + site.eag());
            }
            return w;
        }

        void stop() throws InterruptedException {
            GatewayProcess p = process;
            if (p != null) {
                p.terminate();
                process = null;
            }
            Gateway g = inJvm;
            if (g != null) {
                g.close();
                inJvm = null;
            }
        }

        @Override
        public void close() {
            if (watch != null) {
                watch.close();
            }
            if (process != null) {
                process.close();
            }
            if (inJvm != null) {
                inJvm.close();
            }
        }
    }

    /** The jar this class runs from, else the build's ({@code eag-gateway/target/eag-gateway.jar}). */
    public static Path ownJar() {
        try {
            var source = TradingConsortium.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Path p = Path.of(source.getLocation().toURI());
                if (p.getFileName() != null && p.getFileName().toString().endsWith(".jar")) {
                    return p;
                }
            }
        } catch (java.net.URISyntaxException | SecurityException | IllegalArgumentException e) {
            // Not a file: fall back to the build's jar.
        }
        return Path.of("eag-gateway", "target", "eag-gateway.jar");
    }

    public static Result run(Options o, PrintStream progress) throws Exception {
        if (o.hosting() == Hosting.PROCESSES && !java.nio.file.Files.isRegularFile(o.gatewayJar())) {
            throw new IllegalArgumentException(
                    "the gateway's jar " + o.gatewayJar().toAbsolutePath()
                            + " does not exist; build it with ./ebc build, or pass --gateway-jar");
        }
        Clock clock = Clock.systemUTC();
        List<List<BenchMeter>> dealt = MeterRoster.deal(MeterRoster.plan(o.meters(), "node-"), o.eags());
        List<Substation> subs = new ArrayList<>();
        progress.printf(
                "consortium bench: %d EAGs, %d simulated meters trading (%s per EAG), gateways %s%n",
                o.eags(),
                o.meters(),
                dealt.get(dealt.size() - 1).size() == dealt.get(0).size()
                        ? String.valueOf(dealt.get(0).size())
                        : dealt.get(dealt.size() - 1).size() + "-"
                                + dealt.get(0).size(),
                o.hosting() == Hosting.PROCESSES ? "as processes (eag-gateway run)" : "in this JVM");
        long t0 = System.nanoTime();
        for (int i = 0; i < o.eags(); i++) {
            EagId eag = EagId.of(eagName(i + 1, o.eags()));
            Path root = o.dir().resolve(eag.value());
            subs.add(new Substation(
                    i == 0
                            ? BenchSite.prepare(root, eag, dealt.get(i), clock, s -> {})
                            : BenchSite.join(root, subs.get(0).site, eag, dealt.get(i), clock, s -> {})));
        }
        Path genesis = BenchLedger.writeGenesis(
                subs.get(0).site, o.market(), clock, "consortium bench", o.interval(), o.difficultyBits());
        progress.printf(
                "  authority %s: %d EAG certificates, %d nodes enrolled at their home EAG, genesis %s (%d s)%n",
                subs.get(0).site.authorityDir(),
                o.eags(),
                o.meters(),
                genesis,
                Duration.ofNanos(System.nanoTime() - t0).toSeconds());
        EmbeddedBroker broker = null;
        AgentFleet agents = null;
        Thread poller = null;
        try {
            String url = o.brokerUrl();
            if (url == null) {
                broker = EmbeddedBroker.start(new BrokerEndpoint.Embedded(
                        "127.0.0.1", 0, o.dir().resolve("broker"), 1_000_000, BrokerEndpoint.Persistence.MEMORY));
                url = broker.serverUri();
            }
            startGateways(o, subs, url, genesis, clock, progress);
            agents = startAgents(o, subs, url, progress);
            for (Substation s : subs) {
                s.watch = new ChainWatch(s.db);
            }
            poller = Thread.ofPlatform().daemon().name("chain-watch").start(() -> poll(subs));

            progress.println("  warm-up: until every EAG has committed 2 blocks and a bill is paid ...");
            long warmEnd = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!warm(subs)) {
                alive(subs, agents);
                if (System.nanoTime() > warmEnd) {
                    throw new IllegalStateException("no warm consortium within 5 min: height " + heights(subs)
                            + ", bills paid " + paidPerEag(subs) + "; see the logs in " + o.dir());
                }
                Thread.sleep(200);
            }
            long from = System.currentTimeMillis();
            long wall0 = System.nanoTime();
            double cpu0 = cpu(subs);
            double agentCpu0 = agents.cpu().toNanos() / 1e9;
            long end = wall0 + o.duration().toNanos();
            long nextReport = wall0 + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(200);
                alive(subs, agents);
                if (System.nanoTime() >= nextReport) {
                    progress.printf(
                            "  %3d s: height %s, bills paid %d, transfers waiting for a block %d%n",
                            Duration.ofNanos(System.nanoTime() - wall0).toSeconds(),
                            heights(subs),
                            paidPerEag(subs).stream().mapToLong(Long::longValue).sum(),
                            waiting(subs));
                    nextReport += Duration.ofSeconds(10).toNanos();
                }
            }
            long to = System.currentTimeMillis();
            double seconds = (System.nanoTime() - wall0) / 1e9;
            double cpuSeconds = cpu(subs) - cpu0;
            double agentCpuSeconds = agents.cpu().toNanos() / 1e9 - agentCpu0;
            poller.interrupt();
            poller.join();
            for (Substation s : subs) {
                s.watch().poll(System.currentTimeMillis());
            }
            return result(o, subs, from, to, seconds, cpuSeconds, agentCpuSeconds);
        } finally {
            if (poller != null) {
                poller.interrupt();
                poller.join();
            }
            if (agents != null) {
                agents.stop(Bench.AGENT_STOP_GRACE);
            }
            for (Substation s : subs) {
                try {
                    s.stop();
                } catch (RuntimeException e) {
                    progress.println("  " + s.site.eag() + ": " + e.getMessage());
                }
                s.close();
            }
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static void startGateways(
            Options o, List<Substation> subs, String url, Path genesis, Clock clock, PrintStream progress)
            throws InterruptedException {
        long t0 = System.nanoTime();
        for (Substation s : subs) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(BrokerSettings.MODE, "external");
            settings.put(BrokerSettings.URL, url);
            settings.putAll(o.market().gatewayKeys(ACCELERATION));
            settings.put(GatewayConfig.LEDGER_GENESIS, genesis.toString());
            Map<String, String> all = s.site.gatewaySettings(settings);
            if (o.hosting() == Hosting.PROCESSES) {
                s.process = GatewayProcess.start(
                        o.gatewayJar(),
                        s.site.gatewayProperties(),
                        s.site.root().resolve("gateway.log"),
                        List.of("-Xmx384m"));
            } else {
                Gateway g = Gateway.start(GatewayConfig.of(all, clock));
                s.inJvm = g;
                if (!g.awaitReady(Duration.ofMinutes(2))) {
                    throw new IllegalStateException(s.site.eag() + " did not connect to " + url + " within 2 min");
                }
            }
        }
        for (Substation s : subs) {
            if (s.process != null) {
                s.process.awaitSubscribed(Duration.ofMinutes(3));
            }
        }
        progress.printf(
                "  %d gateways up on %s (%d s)%s%n",
                subs.size(),
                url,
                Duration.ofNanos(System.nanoTime() - t0).toSeconds(),
                o.hosting() == Hosting.PROCESSES
                        ? ": pids "
                                + subs.stream()
                                        .map(s -> s.process == null ? -1 : s.process.pid())
                                        .toList() + ", logs " + o.dir() + "/<eag>/gateway.log"
                        : "");
    }

    /** The agents' time acceleration: one simulated minute per second, as in {@code eag-gateway bench}. */
    static final long ACCELERATION = 60;

    private static AgentFleet startAgents(Options o, List<Substation> subs, String url, PrintStream progress) {
        // The roster was planned as one, so its pins and processes hold across sites: merge each site's groups.
        List<List<Path>> groups = new ArrayList<>();
        AgentConfigFile.Tuning tuning = new AgentConfigFile.Tuning(
                Duration.ofSeconds(1), ACCELERATION, o.market().agentKeys());
        for (Substation s : subs) {
            List<List<Path>> own = s.site.writeAgentConfigs(url, tuning);
            for (int i = 0; i < own.size(); i++) {
                while (groups.size() <= i) {
                    groups.add(new ArrayList<>());
                }
                groups.get(i).addAll(own.get(i));
            }
        }
        groups.removeIf(List::isEmpty);
        AgentFleet fleet =
                AgentFleet.start(AgentFleet.currentJava(), o.agentJar(), groups, o.dir(), List.of("-Xmx256m"));
        progress.printf(
                "  %d meter agents in %d process(es) (pids %s, logs in %s), a reading every second, market slots of %d s%n",
                o.meters(),
                fleet.size(),
                fleet.pids(),
                o.dir(),
                o.market().slot().toSeconds());
        return fleet;
    }

    private static void poll(List<Substation> subs) {
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.currentTimeMillis();
            for (Substation s : subs) {
                try {
                    s.watch().poll(now);
                } catch (SQLException e) {
                    // Busy or not yet migrated: the next poll reads it.
                }
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean warm(List<Substation> subs) throws SQLException {
        for (Substation s : subs) {
            if (s.watch().height() < 2) {
                return false;
            }
        }
        // Some microgrids of two meters have nothing to trade in a slot; one paid bill shows the market at work.
        return paidPerEag(subs).stream().anyMatch(p -> p > 0);
    }

    private static void alive(List<Substation> subs, AgentFleet agents) {
        for (Substation s : subs) {
            if (s.process != null && !s.process.isAlive()) {
                throw new IllegalStateException("the gateway of " + s.site.eag() + " stopped; see " + s.process.log());
            }
        }
        agents.exited().ifPresent(why -> {
            throw new IllegalStateException("a meter agent process stopped: " + why);
        });
    }

    /** "17 at every EAG", or the lowest and highest ("13-14"). */
    private static String heights(List<Substation> subs) {
        long low = subs.stream().mapToLong(s -> s.watch().height()).min().orElse(0);
        long high = subs.stream().mapToLong(s -> s.watch().height()).max().orElse(0);
        return low == high ? low + " at every EAG" : low + "-" + high;
    }

    private static List<Long> paidPerEag(List<Substation> subs) throws SQLException {
        List<Long> out = new ArrayList<>();
        for (Substation s : subs) {
            out.add(s.watch().count("SELECT COUNT(*) FROM payment_bills WHERE status = 'paid'"));
        }
        return out;
    }

    private static long waiting(List<Substation> subs) throws SQLException {
        long n = 0;
        for (Substation s : subs) {
            n += s.watch().count("SELECT COUNT(*) FROM memory_pool WHERE status = 'ready' AND kind = 'transfer'");
        }
        return n;
    }

    private static Result result(
            Options o,
            List<Substation> subs,
            long from,
            long to,
            double seconds,
            double cpuSeconds,
            double agentCpuSeconds)
            throws SQLException {
        List<Long> latencies = new ArrayList<>();
        long low = Long.MAX_VALUE;
        long high = Long.MAX_VALUE;
        for (Substation s : subs) {
            List<ChainWatch.Seen> seen = s.watch().seen();
            latencies.addAll(ChainWatch.commitLatencies(seen, o.interval().toMillis(), from));
            low = Math.min(low, seen.stream().filter(x -> x.seenMs() < from).count());
            high = Math.min(high, seen.stream().filter(x -> x.seenMs() <= to).count());
        }
        Collections.sort(latencies);
        // Heights are counted from 1, so "blocks seen before" is also the height held then.
        List<ChainWatch.Seen> first = subs.get(0).watch().seen();
        long transactions = 0;
        long roundChanges = 0;
        long firstHeight = Long.MAX_VALUE;
        long lastHeight = 0;
        for (ChainWatch.Seen s : first) {
            if (s.seenMs() >= from && s.seenMs() <= to) {
                transactions += s.transactions();
                roundChanges += s.round() > 0 ? 1 : 0;
                firstHeight = Math.min(firstHeight, s.height());
                lastHeight = Math.max(lastHeight, s.height());
            }
        }
        long transfers = firstHeight > lastHeight ? 0 : transfers(subs.get(0).db, firstHeight, lastHeight);
        long forks = 0;
        long common = subs.stream().mapToLong(s -> s.watch().height()).min().orElse(0);
        for (long h = 1; h <= common; h++) {
            String hash = subs.get(0).watch().seen().get((int) h - 1).hash();
            for (Substation s : subs) {
                if (!s.watch().seen().get((int) h - 1).hash().equals(hash)) {
                    forks++;
                    break;
                }
            }
        }
        long paid = 0;
        long waiting = 0;
        List<Long> payments = new ArrayList<>();
        for (Substation s : subs) {
            paid += s.watch()
                    .count("SELECT COUNT(*) FROM payment_bills WHERE status = 'paid' AND paid_ms >= " + from
                            + " AND paid_ms <= " + to);
            waiting += s.watch().count("SELECT COUNT(*) FROM memory_pool WHERE status = 'ready' AND kind = 'transfer'");
            try (Connection c = GatewayDatabase.openReader(s.db);
                    PreparedStatement q = c.prepareStatement(
                            "SELECT committed_ms - entered_ms FROM memory_pool"
                                    + " WHERE kind = 'transfer' AND status = 'committed' AND entered_ms >= ? AND committed_ms <= ?")) {
                q.setLong(1, from);
                q.setLong(2, to);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        payments.add(r.getLong(1));
                    }
                }
            }
        }
        Collections.sort(payments);
        return new Result(
                Math.max(0, high - low),
                List.copyOf(latencies),
                roundChanges,
                seconds,
                forks,
                transactions,
                transfers,
                paid,
                List.copyOf(payments),
                waiting,
                cpuSeconds,
                agentCpuSeconds);
    }

    /** Payments of bills among the transactions of heights {@code from..to}. */
    private static long transfers(Path db, long from, long to) throws SQLException {
        long n = 0;
        try (Connection c = GatewayDatabase.openReader(db);
                PreparedStatement q =
                        c.prepareStatement("SELECT tx FROM ledger_transactions WHERE height BETWEEN ? AND ?")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    if (new String(r.getBytes(1), StandardCharsets.UTF_8).contains("\"kind\":\"transfer\"")) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    public static void print(Result r, Options o, PrintStream out) {
        out.printf(
                "consortium bench: %d EAGs (gateways %s), %d meters trading, %.0f s measured, %d blocks committed at"
                        + " every EAG (%.1f blocks/min), %d forks%n",
                o.eags(),
                o.hosting().wireName(),
                o.meters(),
                r.seconds(),
                r.blocks(),
                r.blocks() * 60.0 / r.seconds(),
                r.forks());
        if (r.commitLatencies().isEmpty()) {
            out.println("commit latency: no commit measured");
        } else {
            out.printf(
                    "commit latency (may mine the height -> stored with its certificate, per EAG, seen in its SQLite file"
                            + " within %d ms): p50 %d ms, p99 %d ms, max %d ms over %d commits; %d block(s) after a round"
                            + " change%n",
                    POLL_MS,
                    PaymentTimes.nearestRank(r.commitLatencies(), 50),
                    PaymentTimes.nearestRank(r.commitLatencies(), 99),
                    r.commitLatencies().get(r.commitLatencies().size() - 1),
                    r.commitLatencies().size(),
                    r.roundChanges());
        }
        out.printf(
                "transactions: %d committed in %.0f s, %.1f transactions/s, of them %d payments of bills (%.1f/s); %d"
                        + " bills paid at the %d EAGs%n",
                r.transactions(),
                r.seconds(),
                r.transactions() / r.seconds(),
                r.transfers(),
                r.transfers() / r.seconds(),
                r.billsPaid(),
                o.eags());
        if (r.paymentLatencies().isEmpty()) {
            out.println("payment -> block: no payment both made and committed in the measured part");
        } else {
            out.printf(
                    "payment -> block (a paid bill's transfer entering its EAG's pool -> committed): p50 %d ms, p99 %d"
                            + " ms over %d payments; %d still waiting for a block at the end%n",
                    PaymentTimes.nearestRank(r.paymentLatencies(), 50),
                    PaymentTimes.nearestRank(r.paymentLatencies(), 99),
                    r.paymentLatencies().size(),
                    r.paymentsWaiting());
        }
        out.printf(
                "CPU: gateways %.1f s, meter agents %.1f s in %.0f s (%s); the paper's chain confirms in ~10 min%n",
                r.cpuSeconds(),
                r.agentCpuSeconds(),
                r.seconds(),
                o.hosting() == Hosting.PROCESSES
                        ? "gateway processes together"
                        : "this JVM: the gateways and the embedded broker");
    }

    private static double cpu(List<Substation> subs) {
        double total = 0;
        boolean inJvm = false;
        for (Substation s : subs) {
            if (s.process != null) {
                total += s.process.cpu().toNanos() / 1e9;
            } else {
                inJvm = true;
            }
        }
        if (inJvm) {
            total += ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime()
                    / 1e9;
        }
        return total;
    }

    static String eagName(int i, int n) {
        return n >= 10 ? String.format("eag-%02d", i) : "eag-" + i;
    }
}
