package org.ebc.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ebc.gateway.bench.BenchLogging;
import org.ebc.gateway.bench.BenchMarket;
import org.ebc.gateway.bench.ConsortiumBenchmark;
import org.ebc.gateway.bench.TradingConsortium;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.Pricing;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eag-gateway consortium bench}: see {@link TradingConsortium} (meters trading) and {@link ConsortiumBenchmark}
 * ({@code --synthetic}). Prints figures; exits 1 if two EAGs stored different blocks at one height.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run N EAGs of one consortium over one MQTT broker (the embedded one unless --broker is given), with a real "
                    + "authority, certificates and a signed genesis at a low difficulty, each EAG with its own SQLite "
                    + "ledger (synchronous=FULL), and print blocks, commit latency p50/p99 and transactions/s.",
            "By default each EAG is a real gateway (eag-gateway run, as a process; in this JVM with --gateways in-jvm, "
                    + "the default above 8 EAGs) with its share of --nodes simulated meters (meter agents on Pi4J mock "
                    + "GPIO, as processes) trading in its market: their bills are settled by their readings and paid in "
                    + "energy coins, and the payments of every EAG are gossiped and mined into blocks. Figures are read "
                    + "from the gateways' SQLite files; also printed: how long a payment waits for its block.",
            "With --synthetic the EAGs are bare consortium nodes in this JVM and --nodes are synthetic signers paying "
                    + "each other (no meters, no market): this measures consensus and storage alone, up to 100 EAGs "
                    + "and 100000 nodes. bench-block-validate measures the validation of one large block."
        })
public final class ConsortiumBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--eags",
            paramLabel = "N",
            defaultValue = "4",
            description = "EAGs, 1-100 (default ${DEFAULT-VALUE})")
    int eags;

    @Option(
            names = "--nodes",
            paramLabel = "M",
            description = "nodes, dealt to the EAGs as their home: simulated meters trading (household, pv, prosumer, "
                    + "ev and battery profiles in turn; at least 2 per EAG, default 6 per EAG as processes, 2 in one JVM; at most 34 x 8 per run); "
                    + "with --synthetic, synthetic nodes that first take their genesis allocation, then each pays the "
                    + "next node of its EAG 1 minor unit in every block its EAG mines (default 0: blocks carry the "
                    + "coinbase only; at most 100000)")
    @Nullable
    Integer nodes;

    @Option(
            names = "--synthetic",
            description = "bare consortium nodes in this JVM with synthetic nodes, no gateways, meters or market")
    boolean synthetic;

    @Option(
            names = "--gateways",
            paramLabel = "HOSTING",
            description = "processes (one eag-gateway run per EAG) or in-jvm (all gateways in this JVM); default "
                    + "processes up to 8 EAGs, in-jvm above")
    @Nullable
    String gateways;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "how long to measure after the warm-up: two blocks at every EAG (and, with meters, a bill "
                    + "paid) (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description = "block interval: the genesis's target, and the least time from a commit to mining the next "
                    + "block (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(
            names = "--difficulty-bits",
            paramLabel = "B",
            defaultValue = "12",
            description = "leading zero bits of the initial proof-of-work target, 1-32 (default ${DEFAULT-VALUE})")
    int bits;

    @Option(
            names = "--broker",
            paramLabel = "URL",
            description = "an external broker (tcp://host:port) instead of the embedded one")
    @Nullable
    String broker;

    @Option(
            names = "--slot",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "market slot in real time, with trading meters (default ${DEFAULT-VALUE}: ten simulated "
                    + "minutes, the meters' time runs 60 times faster)")
    Duration slot;

    @Option(
            names = "--gateway-jar",
            paramLabel = "PATH",
            description = "the gateway's runnable jar for --gateways processes (default: the jar this command runs "
                    + "from, else eag-gateway/target/eag-gateway.jar)")
    @Nullable
    Path gatewayJar;

    @Option(
            names = "--agent-jar",
            paramLabel = "PATH",
            defaultValue = "meter-agent/target/meter-agent.jar",
            description = "the meter agent's runnable jar (default ${DEFAULT-VALUE}; build it with ./ebc build)")
    Path agentJar;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "keep everything here: databases, logs, configurations (default: a temporary folder, deleted"
                    + " at the end unless the run fails; it must be empty or absent)")
    @Nullable
    Path dir;

    @Override
    public Integer call() throws Exception {
        String usage = usage();
        if (usage != null) {
            throw new ParameterException(spec.commandLine(), usage);
        }
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "--dir " + dir.toAbsolutePath() + " is not empty; a bench starts fresh");
                }
            }
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("ebc-consortium-bench");
        boolean keep = false;
        try {
            if (synthetic) {
                ConsortiumBenchmark.Options o = new ConsortiumBenchmark.Options(
                        eags, nodes == null ? 0 : nodes, duration, interval, bits, broker, work);
                ConsortiumBenchmark.Result r = ConsortiumBenchmark.run(o, System.err);
                ConsortiumBenchmark.print(r, o, System.out);
                return r.forks() == 0 ? 0 : 1;
            }
            TradingConsortium.Hosting hosting = hosting();
            if (hosting == TradingConsortium.Hosting.IN_JVM) {
                BenchLogging.toFile(work.resolve("gateways.log"));
            } else {
                BenchLogging.quiet();
            }
            TradingConsortium.Options o = new TradingConsortium.Options(
                    eags,
                    meters(),
                    duration,
                    interval,
                    bits,
                    hosting,
                    gatewayJar != null ? gatewayJar : TradingConsortium.ownJar(),
                    agentJar,
                    new BenchMarket(MarketMode.POSTED, Pricing.PAY_AS_CLEAR, slot),
                    broker,
                    work);
            TradingConsortium.Result r = TradingConsortium.run(o, System.err);
            TradingConsortium.print(r, o, System.out);
            if (dir != null) {
                System.err.println("consortium bench: everything left in " + work.toAbsolutePath());
            }
            return r.forks() == 0 ? 0 : 1;
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The logs it names are in the work folder: kept, even when it is the temporary one.
            keep = true;
            System.err.println("eag-gateway consortium bench: " + e.getMessage());
            System.err.println("consortium bench: logs and databases left in " + work.toAbsolutePath());
            return 1;
        } finally {
            if (!synthetic) {
                BenchLogging.shutdown();
            }
            if (dir == null && !keep) {
                delete(work);
            }
        }
    }

    /** What is wrong with the options, or null. */
    private @Nullable String usage() {
        if (eags < 1 || eags > 100) {
            return "--eags must be 1-100, not " + eags;
        }
        if (bits < 1 || bits > 32) {
            return "--difficulty-bits must be 1-32, not " + bits;
        }
        if (duration.isNegative() || duration.isZero() || interval.isNegative() || interval.isZero()) {
            return "--duration and --interval must be positive";
        }
        if (synthetic) {
            if (nodes != null && (nodes < 0 || nodes > 100_000)) {
                return "--nodes must be 0-100000 with --synthetic, not " + nodes;
            }
            if (gateways != null) {
                return "--gateways is for trading meters; --synthetic runs bare consortium nodes in this JVM";
            }
            return null;
        }
        if (gateways != null && TradingConsortium.Hosting.of(gateways).isEmpty()) {
            return "--gateways must be processes or in-jvm, not '" + gateways + "'";
        }
        int m = meters();
        if (m < 2 * eags || m > MAX_METERS) {
            return "--nodes must be " + 2 * eags + "-" + MAX_METERS + " for " + eags
                    + " EAGs (a buyer and a seller at each; at most " + MAX_METERS + " meters), not " + m;
        }
        if (slot.compareTo(Duration.ofSeconds(4)) < 0) {
            return "--slot must be at least 4s, not " + slot;
        }
        if (!Files.isRegularFile(agentJar)) {
            return "--agent-jar " + agentJar.toAbsolutePath() + " does not exist; build the agent with ./ebc build";
        }
        return null;
    }

    /** Eight agent processes of 34 meters each: more would not leave the gateways a share of this machine. */
    static final int MAX_METERS = 34 * 8;

    /** Six meters per EAG for gateways as processes; two (a buyer and a seller) when they share this JVM. */
    private int meters() {
        if (nodes != null) {
            return nodes;
        }
        return Math.min(MAX_METERS, (hosting() == TradingConsortium.Hosting.PROCESSES ? 6 : 2) * eags);
    }

    private TradingConsortium.Hosting hosting() {
        if (gateways != null) {
            return TradingConsortium.Hosting.of(gateways).orElseThrow();
        }
        return eags <= 8 ? TradingConsortium.Hosting.PROCESSES : TradingConsortium.Hosting.IN_JVM;
    }

    private static void delete(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
