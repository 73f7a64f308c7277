package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.ebc.crypto.KeyFileException;
import org.ebc.gateway.authority.AuthorityRefusal;
import org.ebc.gateway.authority.RefusalReason;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every {@code authority} subcommand shares: the {@code --dir} option, and turning a refusal into
 * one line on stderr and exit status 1 (a stack trace helps no operator whose CSR is for the wrong role).
 */
abstract class AuthorityAction implements Callable<Integer> {
    static final int REFUSED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            required = true,
            paramLabel = "DIR",
            description = "The authority's directory (holds ca.key, ca.crt, crl.pem, registry.json, issued/).")
    Path dir;

    /** The clock validity periods are computed from; the system clock outside tests. */
    Clock clock = Clock.systemUTC();

    /** Runs the command; returns the exit status. */
    abstract int execute(PrintWriter out);

    /** The input file the command is about, named in refusals that concern it (null if none). */
    Path inputFile() {
        return null;
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return execute(out);
        } catch (AuthorityRefusal e) {
            boolean aboutInput = inputFile() != null && e.reason() != RefusalReason.NOT_AN_AUTHORITY;
            err.println(spec.qualifiedName() + ": refused: " + (aboutInput ? inputFile() + ": " : "") + e.getMessage());
            return REFUSED;
        } catch (KeyFileException e) {
            err.println(spec.qualifiedName() + ": refused: " + e.getMessage());
            return REFUSED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    int positiveDays(String option, int days) {
        if (days < 1 || days > 100 * 366) {
            throw usage("Invalid value for option '" + option + "': " + days
                    + " is not a number of days between 1 and 36600");
        }
        return days;
    }
}
