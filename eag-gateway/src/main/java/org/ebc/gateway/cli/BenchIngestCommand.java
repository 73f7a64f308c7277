package org.ebc.gateway.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.bench.BenchLogging;
import org.ebc.gateway.bench.IngestBenchmark;
import org.ebc.gateway.broker.BrokerSettings;
import org.ebc.gateway.broker.BrokerStartException;
import org.ebc.gateway.storage.StorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eag-gateway bench-ingest}: the gateway's ingest rate against the machine's raw signature
 * verification rate (see {@link IngestBenchmark}). Prints figures; asserts nothing. Exit code 1 if the run
 * could not complete (a reading not stored or not acknowledged is a failure, not a figure).
 */
@Command(
        name = "bench-ingest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure ingest: starts the gateway in this process (embedded broker, or --broker tcp://… for an external one) with a "
                    + "throw-away authority, K load-generator MQTT clients (one certified node each) publish N pre-signed OCMF readings each "
                    + "at QoS 1 (after M warm-up readings each), and the run waits until every reading is verified, committed to SQLite and "
                    + "acknowledged with a signed ack.",
            "Before and after, with the gateway stopped, it measures raw Bouncy Castle P-256 verifications/s "
                    + "(org.ebc.crypto.Signatures.verify in a loop) on the gateway's number of verify threads (and on 1 thread), and prints "
                    + "readings/s, verifications/s and their ratio. Everything it creates lives in a temporary directory deleted at the end."
        })
public final class BenchIngestCommand implements Callable<Integer> {
    private static final Duration RAW_PERIOD = Duration.ofSeconds(4);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--generators",
            paramLabel = "K",
            defaultValue = "4",
            description = "load-generating nodes, 1-1000 (default ${DEFAULT-VALUE})")
    int generators;

    @Option(
            names = "--records",
            paramLabel = "N",
            defaultValue = "50000",
            description = "readings per generator (default ${DEFAULT-VALUE})")
    int records;

    @Option(
            names = "--warmup",
            paramLabel = "M",
            defaultValue = "25000",
            description =
                    "readings per generator sent through the whole path before the clock starts, so the JIT has compiled it (default ${DEFAULT-VALUE}; with 5000 the JIT still took a quarter of the CPU in the timed phase)")
    int warmup;

    @Option(
            names = "--broker",
            paramLabel = "embedded|tcp://HOST:PORT",
            defaultValue = "embedded",
            description =
                    "the gateway's embedded broker (default), or an external broker such as a local Mosquitto; it must queue at least"
                            + " generators × window messages for the gateway (Mosquitto: max_queued_messages, as in ebc.conf), or the run fails")
    String broker;

    @Option(
            names = "--persistence",
            paramLabel = "file|memory",
            description = "the embedded broker's broker.persistence (default: the gateway's default)")
    String persistence;

    @Option(
            names = "--window",
            paramLabel = "W",
            defaultValue = "1000",
            description =
                    "QoS 1 publishes each generator may have unacknowledged by the broker (default ${DEFAULT-VALUE})")
    int window;

    @Option(
            names = "--verify-threads",
            paramLabel = "T",
            description = "the gateway's verify.threads (default: the gateway's own default for this machine)")
    Integer verifyThreads;

    @Override
    public Integer call() throws InterruptedException {
        if (generators < 1 || generators > 1000 || records < 1 || warmup < 0 || window < 1 || window > 65_535) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--generators must be 1-1000, --records at least 1, --warmup at least 0, --window 1-65535");
        }
        Optional<String> external = broker.equals("embedded") ? Optional.empty() : Optional.of(broker);
        if (external.isPresent() && !broker.startsWith("tcp://")) {
            throw new ParameterException(
                    spec.commandLine(), "--broker must be 'embedded' or tcp://HOST:PORT, not " + broker);
        }
        Map<String, String> gateway = new LinkedHashMap<>();
        if (persistence != null) {
            if (external.isPresent()) {
                throw new ParameterException(spec.commandLine(), "--persistence is for the embedded broker only");
            }
            gateway.put(BrokerSettings.PERSISTENCE, persistence);
        }
        if (verifyThreads != null) {
            gateway.put(GatewayConfig.VERIFY_THREADS, String.valueOf(verifyThreads));
        }
        // The gateway's info log would interleave with the figures; warnings still show.
        BenchLogging.quiet();
        try {
            IngestBenchmark.Result r = IngestBenchmark.run(
                    new IngestBenchmark.Options(generators, records, warmup, external, window, RAW_PERIOD, gateway),
                    System.out);
            IngestBenchmark.print(r, System.out);
            return 0;
        } catch (ConfigException | StorageException | BrokerStartException | IllegalStateException | IOException e) {
            System.err.println("eag-gateway bench-ingest: " + e.getMessage());
            return 1;
        } finally {
            BenchLogging.shutdown();
        }
    }
}
