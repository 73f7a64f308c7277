package org.ebc.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ebc.gateway.bench.ConsortiumBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eag-gateway consortium bench}: see {@link ConsortiumBenchmark}. Prints figures; asserts nothing. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run N EAGs in this process, each with its own SQLite ledger (synchronous=FULL), over one MQTT broker (the "
                    + "embedded one unless --broker is given), with a real authority, certificates and signed genesis at a "
                    + "low difficulty, and measure commit latency: block timestamp -> stored with its commit certificate at "
                    + "each EAG, p50/p99, and blocks/min.",
            "Without --nodes blocks carry only their coinbase: this measures consensus and storage. With --nodes M each "
                    + "EAG's miner offers its nodes' signed transfers and the bench also prints transactions/s. The nodes "
                    + "are synthetic (no meters read, no market clears): `eag-gateway bench` runs the microgrid; "
                    + "bench-block-validate measures the validation of one large block."
        })
public final class ConsortiumBenchCommand implements Callable<Integer> {
    @Option(
            names = "--eags",
            paramLabel = "N",
            defaultValue = "4",
            description = "EAGs, 1-100 (default ${DEFAULT-VALUE})")
    int eags;

    @Option(
            names = "--nodes",
            paramLabel = "M",
            defaultValue = "0",
            description = "synthetic nodes, dealt round the EAGs as their home, 0-100000: each first takes its genesis "
                    + "allocation, then pays the next node of its EAG 1 minor unit in every block its EAG mines (real "
                    + "transfers: payer's, payee's and EAG's signatures; no meters, no market). Default ${DEFAULT-VALUE}: "
                    + "blocks carry the coinbase only")
    int nodes;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "how long to measure after the first blocks (default ${DEFAULT-VALUE})")
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
    String broker;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "keep the EAGs' databases here (default: a temporary folder, deleted)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (eags < 1 || eags > 100) {
            System.err.println("eag-gateway consortium bench: --eags must be 1-100, not " + eags);
            return 2;
        }
        if (nodes < 0 || nodes > 100_000) {
            System.err.println("eag-gateway consortium bench: --nodes must be 0-100000, not " + nodes);
            return 2;
        }
        if (bits < 1 || bits > 32) {
            System.err.println("eag-gateway consortium bench: --difficulty-bits must be 1-32, not " + bits);
            return 2;
        }
        if (duration.isNegative() || duration.isZero() || interval.isNegative() || interval.isZero()) {
            System.err.println("eag-gateway consortium bench: --duration and --interval must be positive");
            return 2;
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("ebc-consortium-bench");
        try {
            ConsortiumBenchmark.Options o =
                    new ConsortiumBenchmark.Options(eags, nodes, duration, interval, bits, broker, work);
            ConsortiumBenchmark.Result r = ConsortiumBenchmark.run(o, System.err);
            ConsortiumBenchmark.print(r, o, System.out);
            return r.forks() == 0 ? 0 : 1;
        } finally {
            if (dir == null) {
                delete(work);
            }
        }
    }

    private static void delete(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
