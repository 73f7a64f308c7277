package org.ebc.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.ebc.config.ConfigException;
import org.ebc.crypto.KeyFileException;
import org.ebc.gateway.authority.AuthorityRefusal;
import org.ebc.gateway.bench.AgentConfigFile;
import org.ebc.gateway.bench.Bench;
import org.ebc.gateway.bench.BenchLogging;
import org.ebc.gateway.bench.BenchMarket;
import org.ebc.gateway.broker.BrokerStartException;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.Pricing;
import org.ebc.gateway.storage.StorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eag-gateway bench}: everything on one machine, one command: a fresh authority, the EAG, N enrolled
 * simulated meters, the gateway with its embedded broker in this process and the meter agents in one
 * separate JVM, then a live summary every 2 s until Ctrl-C or {@code --duration}. Exit codes: 0 after
 * {@code --duration}, 2 for a bad option, 1 if the bench cannot start or an agent process dies; after
 * Ctrl-C the JVM's own 130.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a whole microgrid on this machine: creates a registration authority, the EAG's key and certificate and N simulated "
                    + "meters' keys and certificates in a fresh directory (the bench stands in for the N devices' own enrollment), "
                    + "starts the gateway with its embedded MQTT broker in this process and the meter agents in one separate JVM "
                    + "(java -jar meter-agent.jar run --config … --config …; more than 34 meters need several, as each JVM's mock GPIO "
                    + "has pins 0-53), and prints a summary every 2 s: meters online, readings/s, stored, rejected by reason, gap events, "
                    + "the agents' outboxes and the broker.",
            "The agents trade: each slot every node decides buyer, seller or idle from its metered surplus, orders, pays its "
                    + "bills and co-signs its sales; the gateway clears each slot (--mode posted or auction), settles it by the "
                    + "meters' border readings and takes the payments. A line per slot says what was ordered and traded, at "
                    + "what price, what went to or came from the grid, and how many bills were paid or are still open.",
            "Ctrl-C (or --duration) stops the agents with SIGTERM, then the gateway, prints a final summary and leaves everything "
                    + "in the data directory (gateway.log, agents.log, gateway.properties for `eag-gateway status --config`)."
        })
public final class BenchCommand implements Callable<Integer> {
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(2);
    private static final Duration MIN_INTERVAL = Duration.ofMillis(50);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--meters",
            paramLabel = "N",
            defaultValue = "20",
            description =
                    "simulated meters: household, pv, prosumer, ev and battery profiles in turn, seeds 1..N (default ${DEFAULT-VALUE}, at most 300)")
    int meters;

    @Option(
            names = "--acceleration",
            paramLabel = "X",
            defaultValue = "60",
            description =
                    "time acceleration of the simulated meters' load profiles, 1-700 (default ${DEFAULT-VALUE}: one simulated minute per second)")
    long acceleration;

    @Option(
            names = "--interval",
            paramLabel = "D",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description = "time between two readings of each meter, at least 50ms (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(
            names = "--mode",
            paramLabel = "posted|auction",
            defaultValue = "posted",
            description =
                    "the market: posted (the paper's: requests, a broadcast price, offers) or auction (default ${DEFAULT-VALUE})")
    String mode;

    @Option(
            names = "--pricing",
            paramLabel = "pay-as-clear|pay-as-bid",
            defaultValue = "pay-as-clear",
            description =
                    "auction pricing: one clearing price, or each pair at the buyer's limit (default ${DEFAULT-VALUE})")
    String pricing;

    @Option(
            names = "--slot",
            paramLabel = "D",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description =
                    "market slot length in real time, at least 4s (default ${DEFAULT-VALUE}: with --acceleration 60, ten"
                            + " simulated minutes per slot)")
    Duration slot;

    @Option(
            names = "--port",
            paramLabel = "P",
            defaultValue = "0",
            description =
                    "TCP port of the embedded MQTT broker on 127.0.0.1 (default: a free port, printed at start; 1883 is often taken by a system Mosquitto)")
    int port;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "the bench's directory; must not exist or be empty (default: ./bench-data/<yyyyMMdd-HHmmss>)")
    Path data;

    @Option(
            names = "--duration",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "stop by itself after this long, e.g. 60s or 10m (default: run until Ctrl-C)")
    Duration duration;

    @Option(
            names = "--agent-jar",
            paramLabel = "PATH",
            defaultValue = "meter-agent/target/meter-agent.jar",
            description = "the meter agent's runnable jar (default ${DEFAULT-VALUE}; build it with ./ebc build)")
    Path agentJar;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        Path dir = data != null
                ? data
                : Path.of(
                        "bench-data",
                        LocalDateTime.now(java.time.ZoneOffset.UTC)
                                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Bench.Plan plan = plan(dir);
        if (!BenchLogging.toFile(dir.resolve("gateway.log"))) {
            out.println("bench: logging had already started; the gateway's log goes to the terminal");
        }
        Bench bench;
        try {
            bench = Bench.start(plan, Clock.systemUTC(), out);
        } catch (ConfigException
                | KeyFileException
                | AuthorityRefusal
                | StorageException
                | BrokerStartException
                | IllegalArgumentException
                | IllegalStateException e) {
            System.err.println("eag-gateway bench: " + e.getMessage());
            System.err.println("eag-gateway bench: data left in " + dir.toAbsolutePath());
            BenchLogging.shutdown();
            return 1;
        }
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                out.println("bench: stopping: agents first (SIGTERM), then the gateway and its broker …");
                bench.close();
                bench.finalReport().forEach(out::println);
                out.println("bench: data left in " + dir.toAbsolutePath() + " (eag-gateway status --config "
                        + bench.site().gatewayProperties() + ")");
                BenchLogging.shutdown();
                stopped.countDown();
            }
        };
        Thread hook = new Thread(stop, "ebc-bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("bench: running"
                + (duration == null ? "; Ctrl-C stops" : " for " + duration.toSeconds() + " s (Ctrl-C stops earlier)")
                + "; summary every " + SUMMARY_EVERY.toSeconds() + " s");
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        int exit = 0;
        while (!stopping.get() && System.nanoTime() < deadline) {
            // The latch doubles as the clock of the summary and as the signal that a Ctrl-C is stopping the bench.
            long wait = Math.min(SUMMARY_EVERY.toNanos(), Math.max(0, deadline - System.nanoTime()));
            if (stopped.await(wait, TimeUnit.NANOSECONDS) || stopping.get()) {
                break;
            }
            String line = bench.summary();
            List<String> slots = bench.slotLines(false);
            if (!stopping.get()) {
                out.println(line);
                slots.forEach(out::println);
            }
            if (bench.fleet().exited().isPresent()) {
                out.println("bench: " + bench.fleet().exited().get() + "; stopping");
                exit = 1;
                break;
            }
        }
        // Whoever comes first stops the bench (this thread after --duration, or the hook after Ctrl-C); the other
        // waits.
        stop.run();
        stopped.await();
        return exit;
    }

    private Bench.Plan plan(Path dir) {
        if (meters < 1 || meters > 300) {
            throw new ParameterException(spec.commandLine(), "--meters must be 1 to 300, not " + meters);
        }
        if (acceleration < 1 || acceleration > AgentConfigFile.MAX_ACCELERATION) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--acceleration must be 1 to " + AgentConfigFile.MAX_ACCELERATION
                            + " (the simulated S0 pulses of a 5 kW peak must stay below 1000/s), not " + acceleration);
        }
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--interval must be 50ms to 1h (the agent's reading.interval), not " + interval);
        }
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0 (a free port) to 65535, not " + port);
        }
        if (duration != null && duration.isZero()) {
            throw new ParameterException(spec.commandLine(), "--duration must be longer than 0");
        }
        if (!Files.isRegularFile(agentJar)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--agent-jar " + agentJar.toAbsolutePath() + " does not exist; build the agent with"
                            + " `./ebc build` (or mvn -B -pl meter-agent package -DskipTests) or pass its path");
        }
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--data " + dir.toAbsolutePath() + " already exists and is not empty; a bench starts fresh");
        }
        BenchMarket market;
        try {
            market = new BenchMarket(
                    MarketMode.parse(mode)
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "--mode must be posted or auction, not '" + mode + "'")),
                    Pricing.parse(pricing)
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "--pricing must be pay-as-clear or pay-as-bid, not '" + pricing + "'")),
                    slot);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), e.getMessage().replace("a bench slot", "--slot: a bench slot"));
        }
        return new Bench.Plan(
                meters,
                new AgentConfigFile.Tuning(interval, acceleration, Map.of()),
                market,
                port,
                dir,
                agentJar,
                List.of());
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
