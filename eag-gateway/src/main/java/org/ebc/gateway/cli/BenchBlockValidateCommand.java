package org.ebc.gateway.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.ebc.gateway.bench.BenchLogging;
import org.ebc.gateway.bench.BlockValidateBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eag-gateway bench-block-validate}: block validation time against raw signature verification (see
 * {@link BlockValidateBenchmark}). Prints figures on stdout and progress on stderr; asserts nothing. Exit
 * code 1 if the run could not complete (a block refused, a correct signature not verifying).
 */
@Command(
        name = "bench-block-validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure the block validator: builds a real consortium in memory (authority root, EAG certificates, signed genesis, "
                    + "W wallets with their own keys), a block paying their allocations, then a block of N transfers (transfer, "
                    + "cosign and admission: 3 P-256 signatures each), mined and signed.",
            "Then, alternating, it validates that block with the one block validator and verifies the same signatures raw "
                    + "(Signatures.verify in a loop) on the same threads, and prints validation time, signatures/s, raw "
                    + "verifications/s and their ratio, and SHA-256 hashes/s for the JDK's digest and Bouncy Castle's."
        })
public final class BenchBlockValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--transactions",
            paramLabel = "N",
            defaultValue = "10000",
            description = "transfers in the block, 1-100000 (default ${DEFAULT-VALUE})")
    int transactions;

    @Option(
            names = "--wallets",
            paramLabel = "W",
            defaultValue = "2000",
            description = "paying wallets, 2-100000 (default ${DEFAULT-VALUE})")
    int wallets;

    @Option(
            names = "--eags",
            paramLabel = "E",
            defaultValue = "4",
            description = "EAGs, 1-1000 (default ${DEFAULT-VALUE})")
    int eags;

    @Option(
            names = "--threads",
            paramLabel = "T",
            description = "threads for validation and the raw measurement (default: the number of processors)")
    Integer threads;

    @Option(
            names = "--rounds",
            paramLabel = "R",
            defaultValue = "5",
            description = "timed runs of each, after one warm-up (default ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (transactions < 1
                || transactions > 100_000
                || wallets < 2
                || wallets > 100_000
                || eags < 1
                || eags > 1000
                || t < 1
                || t > 1024
                || rounds < 1
                || rounds > 1000) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--transactions must be 1-100000, --wallets 2-100000, --eags 1-1000, --threads 1-1024, --rounds 1-1000");
        }
        BenchLogging.quiet();
        try {
            BlockValidateBenchmark.Result r = BlockValidateBenchmark.run(
                    new BlockValidateBenchmark.Options(transactions, wallets, eags, t, rounds, Duration.ofSeconds(2)),
                    System.err);
            BlockValidateBenchmark.print(r, System.out);
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("eag-gateway bench-block-validate: " + e.getMessage());
            return 1;
        } finally {
            BenchLogging.shutdown();
        }
    }
}
