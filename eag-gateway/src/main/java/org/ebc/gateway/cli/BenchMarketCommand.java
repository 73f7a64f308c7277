package org.ebc.gateway.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.ebc.gateway.bench.MarketBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eag-gateway bench-market}: clearing and settlement times (see {@link MarketBenchmark}). Prints figures;
 * asserts nothing. Exit code 2 for a bad option.
 */
@Command(
        name = "bench-market",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure the market core in this process, single-threaded: clearing one slot of N seeded random orders in each mode "
                    + "(auction pay-as-clear, auction pay-as-bid, posted), with and without its canonical bytes and SHA-256, and "
                    + "settling a slot of M meters from their border readings; next to a baseline measured in the same run "
                    + "(sorting the same N orders by limit price). Each figure: p50, p99 and minimum wall-clock time of R runs after W warm-up "
                    + "runs, and the p50 of the thread's CPU time (on a busy machine the wall clock also counts waiting for a core)."
        })
public final class BenchMarketCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--orders",
            paramLabel = "N",
            defaultValue = "10000",
            description = "orders per cleared slot (default ${DEFAULT-VALUE})")
    int orders;

    @Option(
            names = "--meters",
            paramLabel = "M",
            defaultValue = "1000",
            description = "meters in the settled slot (default ${DEFAULT-VALUE})")
    int meters;

    @Option(
            names = "--runs",
            paramLabel = "R",
            defaultValue = "100",
            description = "timed runs per figure (default ${DEFAULT-VALUE})")
    int runs;

    @Option(
            names = "--warmup",
            paramLabel = "W",
            defaultValue = "30",
            description = "warm-up runs per figure (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "seed of the random books (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (orders < 2 || orders > 1_000_000 || meters < 2 || meters > 1_000_000 || runs < 1 || warmup < 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--orders and --meters must be 2-1000000, --runs at least 1, --warmup at least 0");
        }
        List<MarketBenchmark.Timing> t =
                MarketBenchmark.run(new MarketBenchmark.Options(orders, meters, runs, warmup, seed), System.out);
        MarketBenchmark.print(t, System.out);
        return 0;
    }
}
