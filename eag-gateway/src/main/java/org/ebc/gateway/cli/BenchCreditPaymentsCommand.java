package org.ebc.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ebc.gateway.bench.CreditPaymentBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eag-gateway bench-credit-payments}: see {@link CreditPaymentBenchmark}. Prints figures; asserts nothing. */
@Command(
        name = "bench-credit-payments",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure a credit payment over the broker (the embedded one unless --broker is given): a seller forwards the "
                    + "borrower's newest token with a bill, signed; the credit desk verifies it, the bank checks the token "
                    + "against its SQLite book (synchronous=FULL), pays the seller, re-signs the token and commits; the "
                    + "borrower receives the new token. Prints p50/p99 of seller publish -> new token received, one payment "
                    + "at a time, and raw P-256 verifications/s in the same run.",
            "The account pool is an in-memory map here: the payment core does not take the bank's moves yet."
        })
public final class BenchCreditPaymentsCommand implements Callable<Integer> {
    @Option(
            names = "--payments",
            paramLabel = "N",
            defaultValue = "1000",
            description = "measured payments (default ${DEFAULT-VALUE})")
    int payments;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "300",
            description = "payments before measuring (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--broker",
            paramLabel = "URL",
            description = "an external broker (tcp://host:port) instead of the embedded one")
    String broker;

    @Override
    public Integer call() throws Exception {
        if (payments < 1 || warmup < 0 || payments + warmup > 100_000) {
            System.err.println(
                    "eag-gateway bench-credit-payments: --payments must be >= 1, --warmup >= 0, together at most 100000");
            return 2;
        }
        Path dir = Files.createTempDirectory("ebc-credit-bench");
        try {
            CreditPaymentBenchmark.Result r = CreditPaymentBenchmark.run(
                    new CreditPaymentBenchmark.Options(payments, warmup, broker, dir), System.err);
            CreditPaymentBenchmark.print(r, System.out);
            return 0;
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder
            }
        }
    }
}
