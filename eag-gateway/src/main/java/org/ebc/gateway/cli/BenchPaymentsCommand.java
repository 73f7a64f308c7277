package org.ebc.gateway.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ebc.gateway.bench.BenchLogging;
import org.ebc.gateway.bench.PaymentBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eag-gateway bench-payments}: payments per second through the payment core and its store, next to
 * raw P-256 verifications per second in the same run (see {@link PaymentBenchmark}). Prints figures;
 * asserts nothing. Exit code 1 if a payment was not applied (a failure, not a figure).
 */
@Command(
        name = "bench-payments",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure payments: N pre-signed transfers (payer wallet keys) and their co-signatures (payee wallet keys) go through the "
                    + "payment core on one thread, as the trade desk runs it: each is checked (two P-256 verifications), admitted, "
                    + "co-signed and applied, against a fresh SQLite database (WAL, synchronous=FULL: two fsync'd transactions per "
                    + "payment) and against the in-memory store.",
            "Before, it measures raw Bouncy Castle P-256 verifications/s on 1 thread; a payment needs two, so raw ÷ 2 is the bound. "
                    + "Everything it creates lives in a temporary directory deleted at the end. End-to-end payments over the broker are "
                    + "not measured here."
        })
public final class BenchPaymentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--payments",
            paramLabel = "N",
            defaultValue = "2000",
            description = "timed payments per store (default ${DEFAULT-VALUE})")
    int payments;

    @Option(
            names = "--warmup",
            paramLabel = "M",
            defaultValue = "1000",
            description = "untimed payments first, per store (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--payers",
            paramLabel = "K",
            defaultValue = "20",
            description = "paying nodes, as many payees (default ${DEFAULT-VALUE})")
    int payers;

    @Option(
            names = "--store",
            paramLabel = "both|sqlite|memory",
            defaultValue = "both",
            description = "which store to measure (default ${DEFAULT-VALUE})")
    String store;

    @Override
    public Integer call() throws InterruptedException {
        if (payments < 1 || warmup < 0 || payers < 1 || payers > 10_000) {
            throw new ParameterException(
                    spec.commandLine(), "--payments must be at least 1, --warmup at least 0, --payers 1-10000");
        }
        if (!store.equals("both") && !store.equals("sqlite") && !store.equals("memory")) {
            throw new ParameterException(spec.commandLine(), "--store must be both, sqlite or memory, not " + store);
        }
        BenchLogging.quiet();
        try {
            PaymentBenchmark.Result r = PaymentBenchmark.run(
                    new PaymentBenchmark.Options(
                            payments,
                            warmup,
                            payers,
                            !store.equals("memory"),
                            !store.equals("sqlite"),
                            Duration.ofSeconds(4)),
                    System.out);
            PaymentBenchmark.print(r, System.out);
            return 0;
        } catch (IllegalStateException | IOException e) {
            System.err.println("eag-gateway bench-payments: " + e.getMessage());
            return 1;
        } finally {
            BenchLogging.shutdown();
        }
    }
}
