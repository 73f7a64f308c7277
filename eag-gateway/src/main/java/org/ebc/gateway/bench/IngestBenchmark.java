package org.ebc.gateway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.ebc.crypto.Pem;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.GatewayStats;
import org.ebc.gateway.authority.EagEnrollment;
import org.ebc.gateway.broker.BrokerEndpoint;
import org.ebc.gateway.broker.BrokerSettings;
import org.ebc.units.EagId;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * {@code eag-gateway bench-ingest}: how many signed readings per second the gateway verifies, commits to
 * SQLite ({@code synchronous=FULL}) and acknowledges, against how many P-256 verifications per second
 * Bouncy Castle manages on the same machine, in the same run. The load comes from K MQTT clients, each a
 * node certified by a throw-away authority, publishing pre-signed records at QoS 1 (signing happens before
 * the clock starts, so it does not take CPU from the measured path); a reading counts only once its
 * signed acknowledgement has arrived and verified.
 */
public final class IngestBenchmark {
    static final EagId EAG = EagId.of("eag-ingest");
    /** As an agent's outbox.ack-timeout: no acknowledgement for this long, and unacknowledged pages go out again. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

    /**
     * @param generators K load-generating nodes
     * @param records records each one publishes in the timed phase
     * @param warmup records each one publishes first, untimed, so that the JIT has compiled the whole path
     * @param externalBroker a {@code tcp://host:port} broker to use instead of the embedded one
     * @param window publishes each generator may have unacknowledged by the broker
     * @param rawPeriod how long each raw verification measurement runs (after a warm-up as long)
     * @param gatewaySettings extra gateway keys (e.g. {@code verify.threads}, {@code broker.persistence})
     */
    public record Options(
            int generators,
            int records,
            int warmup,
            Optional<String> externalBroker,
            int window,
            Duration rawPeriod,
            Map<String, String> gatewaySettings) {
        public Options {
            if (generators < 1 || records < 1 || warmup < 0 || window < 1) {
                throw new IllegalArgumentException(
                        "generators, records and window must be positive, warmup not negative");
            }
            gatewaySettings = Map.copyOf(gatewaySettings);
        }
    }

    /**
     * What one run measured.
     *
     * @param readings readings verified, committed and acknowledged in the timed phase
     * @param ingestSeconds from the first publish of the timed phase to the last acknowledgement
     * @param verifyThreads the gateway's verification threads
     * @param rawBefore raw verifications per second on {@code verifyThreads} threads, measured before the ingest
     * @param rawAfter the same, measured after it (the machine's load may change while it runs)
     * @param rawOneThread the same on one thread
     */
    public record Result(
            long readings,
            double ingestSeconds,
            int verifyThreads,
            double rawBefore,
            double rawAfter,
            double rawOneThread) {
        public double readingsPerSecond() {
            return readings / ingestSeconds;
        }

        /** The raw rate the ratio is taken against: the mean of the measurements before and after. */
        public double rawVerifyPerSecond() {
            return (rawBefore + rawAfter) / 2;
        }

        public double ratio() {
            return readingsPerSecond() / rawVerifyPerSecond();
        }

        /** Against one thread's raw rate (Part C's yardstick). */
        public double ratioOneThread() {
            return readingsPerSecond() / rawOneThread;
        }
    }

    private IngestBenchmark() {}

    public static Result run(Options o, PrintStream out) throws InterruptedException, IOException {
        Path dir = Files.createTempDirectory("ebc-bench-ingest-");
        try {
            return run(o, dir, out);
        } finally {
            deleteTree(dir);
        }
    }

    private static Result run(Options o, Path dir, PrintStream out) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        int cores = Runtime.getRuntime().availableProcessors();
        // A fresh EAG id per run: an external broker may still hold another run's retained and queued messages.
        EagId eag = o.externalBroker().isPresent() ? EagId.of(EAG + "-" + clock.millis()) : EAG;
        long total = (long) o.generators() * o.records();
        out.printf(
                "bench-ingest: %d generator(s) × (%d warm-up + %d timed) signed OCMF readings at QoS 1, window %d per generator; %d core(s), Java %s%n",
                o.generators(), o.warmup(), o.records(), o.window(), cores, Runtime.version());
        List<BenchMeter> nodes = MeterRoster.plan(o.generators(), "load-");
        BenchSite site = BenchSite.prepare(dir, eag, nodes, clock, s -> out.println("bench-ingest: " + s));

        long t0 = System.nanoTime();
        List<LoadGenerator> generators = presign(site, nodes, o.warmup() + o.records(), clock.instant());
        out.printf(
                "bench-ingest: pre-signed %d records in %.1f s (not timed)%n",
                (long) o.generators() * (o.warmup() + o.records()), (System.nanoTime() - t0) / 1e9);

        Map<String, String> settings = new LinkedHashMap<>();
        o.externalBroker()
                .ifPresentOrElse(
                        url -> {
                            settings.put(BrokerSettings.MODE, "external");
                            settings.put(BrokerSettings.URL, url);
                        },
                        () -> {
                            settings.put(BrokerSettings.MODE, "embedded");
                            settings.put(BrokerSettings.PORT, "0");
                        });
        settings.putAll(o.gatewaySettings());
        GatewayConfig config = GatewayConfig.of(site.gatewaySettings(settings), clock);
        RawVerifyRate raw = new RawVerifyRate();
        double rawBefore = raw.measure(config.verifyThreads(), o.rawPeriod());
        out.printf(
                "bench-ingest: raw P-256 verification before the ingest: %.0f/s on %d thread(s)%n",
                rawBefore, config.verifyThreads());

        long stored;
        double seconds;
        try (Gateway gateway = Gateway.start(config)) {
            if (!gateway.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException(
                        "the gateway did not connect to " + gateway.brokerUri() + " within 60 s");
            }
            out.printf(
                    "bench-ingest: gateway up: broker %s (%s), %d verify thread(s), commit window %d ms, up to %d records per commit%n",
                    gateway.brokerUri(),
                    config.broker().endpoint() instanceof BrokerEndpoint.Embedded e
                            ? "embedded, persistence " + e.persistence().name().toLowerCase(java.util.Locale.ROOT)
                            : "external",
                    config.verifyThreads(),
                    config.commitWindow().toMillis(),
                    config.commitMaxRecords());
            PublicKey eagKey = Pem.readCertificate(site.gatewayKeys().resolve(EagEnrollment.CERTIFICATE))
                    .getPublicKey();
            for (LoadGenerator g : generators) {
                g.connect(gateway.brokerUri(), eagKey, o.window());
            }
            if (o.warmup() > 0) {
                long w0 = System.nanoTime();
                publishAndAwait(generators, 1, o.warmup(), gateway);
                out.printf(
                        "bench-ingest: warm-up: %d readings through the whole path in %.1f s (not timed)%n",
                        (long) o.generators() * o.warmup(), (System.nanoTime() - w0) / 1e9);
            }
            GatewayStats before = gateway.stats();
            long start = System.nanoTime();
            publishAndAwait(generators, o.warmup() + 1, o.warmup() + o.records(), gateway);
            long end = generators.stream()
                    .mapToLong(LoadGenerator::lastCommitNanos)
                    .max()
                    .orElseThrow();
            long pubacks = generators.stream()
                    .mapToLong(LoadGenerator::lastPubackNanos)
                    .max()
                    .orElseThrow();
            seconds = (end - start) / 1e9;
            GatewayStats after = gateway.stats();
            stored = after.readingsStored() - before.readingsStored();
            long rejected =
                    generators.stream().mapToLong(LoadGenerator::rejected).sum();
            long badAcks = generators.stream().mapToLong(LoadGenerator::badAcks).sum();
            long republished =
                    generators.stream().mapToLong(LoadGenerator::republished).sum();
            long commits = after.commits() - before.commits();
            out.printf(
                    "bench-ingest: timed: all %d published in %.2f s (last broker PUBACK), all acknowledged as committed after %.2f s%n",
                    total, (pubacks - start) / 1e9, seconds);
            out.printf(
                    "bench-ingest: gateway stored %d, rejected %d, %d group commit(s) (%.0f readings per commit), %d ack(s) sent, "
                            + "%d dropped; generators: %d unverifiable ack(s), %d reading(s) published again after %d s without an ack%n",
                    stored,
                    rejected,
                    commits,
                    commits == 0 ? 0.0 : stored / (double) commits,
                    after.acksSent() - before.acksSent(),
                    after.acksDropped() - before.acksDropped(),
                    badAcks,
                    republished,
                    ACK_TIMEOUT.toSeconds());
            if (stored != total || rejected != 0 || badAcks != 0) {
                throw new IllegalStateException("expected " + total + " readings stored and none rejected: stored "
                        + stored + ", rejected " + rejected + ", unverifiable acks " + badAcks);
            }
        } catch (MqttException e) {
            throw new IllegalStateException("load generator could not use the broker: " + e.getMessage(), e);
        } finally {
            generators.forEach(LoadGenerator::close);
        }
        out.println("bench-ingest: gateway stopped; measuring raw P-256 verification again …");
        double rawAfter = raw.measure(config.verifyThreads(), o.rawPeriod());
        double rawOne = config.verifyThreads() == 1 ? (rawBefore + rawAfter) / 2 : raw.measure(1, o.rawPeriod());
        return new Result(stored, seconds, config.verifyThreads(), rawBefore, rawAfter, rawOne);
    }

    /**
     * Every generator publishes pages {@code first..last} on its own thread; returns once all are
     * acknowledged as committed. A generator whose acknowledgements stop for {@link #ACK_TIMEOUT} publishes
     * the unacknowledged pages again, as an agent would. Fails early if the gateway sees gap events: the
     * broker discarded readings (its queue limit), and the figure would measure a resend storm.
     */
    private static void publishAndAwait(List<LoadGenerator> generators, int first, int last, Gateway gateway)
            throws InterruptedException {
        List<Thread> publishers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (LoadGenerator g : generators) {
            publishers.add(Thread.ofPlatform().name("publish-" + g.node()).start(() -> {
                try {
                    g.publish(first, last);
                } catch (InterruptedException | MqttException | RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        long count = (long) generators.size() * (last - first + 1);
        long deadline = System.nanoTime()
                + Duration.ofSeconds(Math.max(120, count / 500)).toNanos();
        for (int i = 0; i < generators.size(); i++) {
            LoadGenerator g = generators.get(i);
            Thread publisher = publishers.get(i);
            long progress = g.committedCount();
            long progressAt = System.nanoTime();
            while (!g.awaitCommitted(last, Duration.ofSeconds(1))) {
                if (g.committedCount() != progress) {
                    progress = g.committedCount();
                    progressAt = System.nanoTime();
                } else if (!publisher.isAlive() && System.nanoTime() - progressAt > ACK_TIMEOUT.toNanos()) {
                    try {
                        g.republishUnacknowledged(first, last);
                    } catch (MqttException e) {
                        failures.add(e);
                    }
                    progressAt = System.nanoTime();
                }
                GatewayStats s = gateway.stats();
                if (s.gapEventsOpened() > 0) {
                    throw new IllegalStateException(
                            "the broker discarded readings (" + s.gapEventsOpened() + " gap event(s) at the gateway):"
                                    + " raise its queue limit (Mosquitto: max_queued_messages 0 or at least generators × window, as in ebc.conf)");
                }
                if (!failures.isEmpty() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + g.node() + ": pages 1.." + g.committedPrefix() + " of "
                            + last + " acknowledged as committed; gateway: " + s
                            + (failures.isEmpty() ? "" : "; publishing failed: " + failures));
                }
            }
        }
        for (Thread t : publishers) {
            t.join();
        }
    }

    /** The figures, as the command prints them (and docs/benchmarks.md quotes them). */
    public static void print(Result r, PrintStream out) {
        out.printf(
                "RESULT ingest      %8.0f readings/s verified + committed (fsync'd) + acknowledged (%d readings in %.2f s)%n",
                r.readingsPerSecond(), r.readings(), r.ingestSeconds());
        out.printf(
                "RESULT raw verify  %8.0f verifications/s on %d thread(s), the gateway's verify.threads (%.0f before, %.0f after); %.0f/s on 1 thread%n",
                r.rawVerifyPerSecond(), r.verifyThreads(), r.rawBefore(), r.rawAfter(), r.rawOneThread());
        // Two yardsticks: Part D's (raw verification on all cores, target 0.43) and Part C's (one thread, 0.5).
        out.printf(
                "RESULT ratio       %8.2f  (ingest ÷ raw verify on %d thread(s); target ≥ 0.43 with verify.threads ="
                        + " the cores, %d here); %.2f against 1 thread (target ≥ 0.5)%n",
                r.ratio(), r.verifyThreads(), Runtime.getRuntime().availableProcessors(), r.ratioOneThread());
    }

    private static List<LoadGenerator> presign(BenchSite site, List<BenchMeter> nodes, int records, Instant now)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<LoadGenerator>> futures = new ArrayList<>();
            for (BenchMeter m : nodes) {
                PrivateKey key = Pem.readPrivateKey(site.keyDir(m).resolve(StandInDevice.NODE_KEY));
                futures.add(pool.submit(
                        () -> LoadGenerator.presign(m.node(), m.meterSerial(), key, site.eag(), records, now)));
            }
            List<LoadGenerator> out = new ArrayList<>();
            for (Future<LoadGenerator> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException("pre-signing failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's temporary directory " + dir, e);
        }
    }
}
