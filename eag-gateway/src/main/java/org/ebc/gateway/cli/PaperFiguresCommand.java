package org.ebc.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ebc.gateway.paper.PaperFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eag-gateway paper-figures --out DIR}: regenerates the data and plots of the paper's Figs. 5, 7, 8
 * and 9 from our code, and the comparison table (see {@link PaperFigures}, docs/paper-comparison.md). Exit
 * code 0, 2 for a bad option, 1 if the files cannot be written.
 */
@Command(
        name = "paper-figures",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Regenerate the paper's evaluation from our code: CSV data and SVG plots of Fig. 5 (confirmation time and trades per "
                    + "hour of 50 node pairs over 240 simulated minutes), Fig. 7 (benefits of 5 credit banks and their borrowers under "
                    + "our pricing, AAS and RAS), Fig. 8 (Algorithm 1's convergence) and Fig. 9 (effect of gamma and lambda), and "
                    + "comparison.md, our numbers next to the paper's. Deterministic for a given seed.",
            "Every input the paper leaves open is stated in docs/paper-comparison.md. Progress goes to stderr; the list of files "
                    + "and the comparison table to stdout."
        })
public final class PaperFiguresCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "directory to write into (created if missing)")
    Path out;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description =
                    "seed of the borrowers, of RAS's shares and of Fig. 5's frequencies (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--chain-confirmation",
            paramLabel = "D",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description =
                    "our chain's confirmation time in Fig. 5 (default ${DEFAULT-VALUE}, the paper's example; to be "
                            + "replaced by Part E's measured p50 for n = 51 EAGs)")
    Duration chainConfirmation;

    @Option(
            names = "--credit-latency",
            paramLabel = "D",
            defaultValue = "50ms",
            converter = DurationConverter.class,
            description = "time from a credit payment to the seller being paid by the bank, in Fig. 5 (default "
                    + "${DEFAULT-VALUE}, Part F's p99 target; to be replaced by the credit-payment bench's p50)")
    Duration creditLatency;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            defaultValue = "20",
            description = "seeds S, S+1, ... for the robustness table of Fig. 7, 1-1000 (default ${DEFAULT-VALUE})")
    int seeds;

    @Override
    public Integer call() {
        if (seeds < 1 || seeds > 1000) {
            throw new ParameterException(spec.commandLine(), "--seeds must be 1 to 1000, not " + seeds);
        }
        if (chainConfirmation.isZero()) {
            throw new ParameterException(spec.commandLine(), "--chain-confirmation must be longer than 0");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        PaperFigures.Summary summary;
        try {
            summary = PaperFigures.write(
                    new PaperFigures.Options(out, seed, chainConfirmation, creditLatency, seeds), line -> {
                        err.println(line);
                        err.flush();
                    });
        } catch (IOException e) {
            err.println("eag-gateway paper-figures: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        stdout.println("wrote " + summary.files().size() + " files to " + out.toAbsolutePath() + ":");
        for (Path f : summary.files()) {
            stdout.println("  " + f.getFileName());
        }
        stdout.println();
        stdout.print(summary.comparison());
        stdout.flush();
        return 0;
    }
}
