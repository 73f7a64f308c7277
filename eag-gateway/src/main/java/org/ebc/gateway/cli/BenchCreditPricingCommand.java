package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.ebc.gateway.bench.CreditPricingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eag-gateway bench-credit-pricing}: see {@link CreditPricingBenchmark}. Prints figures; asserts nothing. */
@Command(
        name = "bench-credit-pricing",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure loan pricing: draws N random borrowers from the paper's Table II (p = 1, Q_min = 1000, alpha_max = 10, "
                    + "grades from the approximate Lending Club distribution) and prices each on one thread with the closed form "
                    + "and with Algorithm 1, printing borrowers/s for each next to a baseline measured in the same run: drawing "
                    + "the same borrowers without pricing them. A warm-up round of N borrowers runs first and is not reported.",
            "Progress goes to stderr, figures to stdout."
        })
public final class BenchCreditPricingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--borrowers",
            paramLabel = "N",
            defaultValue = "100000",
            description = "borrowers per pass, 1-100000000 (default ${DEFAULT-VALUE})")
    int borrowers;

    @Option(
            names = "--rounds",
            paramLabel = "R",
            defaultValue = "5",
            description = "measured rounds after the warm-up, 1-100 (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "seed of the borrower draws (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (borrowers < 1 || borrowers > 100_000_000) {
            throw new ParameterException(spec.commandLine(), "--borrowers must be 1 to 100000000, not " + borrowers);
        }
        if (rounds < 1 || rounds > 100) {
            throw new ParameterException(spec.commandLine(), "--rounds must be 1 to 100, not " + rounds);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        CreditPricingBenchmark.Result r = CreditPricingBenchmark.run(borrowers, rounds, seed, line -> {
            err.println(line);
            err.flush();
        });
        out.printf(
                Locale.ROOT,
                "%d borrowers per pass, %d rounds, one thread; %d of them get an offer, Algorithm 1 asks %.1f times per offer%n",
                r.borrowers(),
                r.rounds().size(),
                r.offers(),
                r.meanIterations());
        out.printf(
                Locale.ROOT,
                "%-6s %16s %16s %16s %14s %14s%n",
                "round",
                "draw only /s",
                "closed form /s",
                "Algorithm 1 /s",
                "closed ns/b",
                "Alg. 1 ns/b");
        for (CreditPricingBenchmark.Round round : r.rounds()) {
            double base = round.baseline().nanosPerBorrower();
            out.printf(
                    Locale.ROOT,
                    "%-6d %16.0f %16.0f %16.0f %14.0f %14.0f%n",
                    round.number(),
                    round.baseline().perSecond(),
                    round.closedForm().perSecond(),
                    round.algorithm1().perSecond(),
                    round.closedForm().nanosPerBorrower() - base,
                    round.algorithm1().nanosPerBorrower() - base);
        }
        CreditPricingBenchmark.Pass base = best(r, CreditPricingBenchmark.Round::baseline);
        CreditPricingBenchmark.Pass closed = best(r, CreditPricingBenchmark.Round::closedForm);
        CreditPricingBenchmark.Pass search = best(r, CreditPricingBenchmark.Round::algorithm1);
        out.printf(
                Locale.ROOT,
                "%-6s %16.0f %16.0f %16.0f %14.0f %14.0f%n",
                "best",
                base.perSecond(),
                closed.perSecond(),
                search.perSecond(),
                closed.nanosPerBorrower() - base.nanosPerBorrower(),
                search.nanosPerBorrower() - base.nanosPerBorrower());
        out.println(
                "ns/b: nanoseconds per borrower spent pricing, i.e. the pass's time per borrower minus the baseline's;"
                        + " best: each pass's fastest round (the least disturbed by other work on the machine).");
        out.flush();
        return 0;
    }

    private static CreditPricingBenchmark.Pass best(
            CreditPricingBenchmark.Result r, Function<CreditPricingBenchmark.Round, CreditPricingBenchmark.Pass> pass) {
        return r.rounds().stream()
                .map(pass)
                .min(Comparator.comparingLong(CreditPricingBenchmark.Pass::nanos))
                .orElseThrow();
    }
}
