package org.ebc.gateway.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the {@code eag-gateway} command line for the commands that print on {@code System.out} and
 * {@code System.err} (the ledger and credit commands): both are captured, with picocli's own output.
 */
public final class StdoutCli {
    private StdoutCli() {}

    /** What a run printed and returned. */
    public record Run(int exit, String out, String err) {}

    public static synchronized Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter picocliErr = new StringWriter();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cli = GatewayCli.newCommandLine();
            cli.setErr(new PrintWriter(picocliErr, true));
            exit = cli.execute(args);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), picocliErr + err.toString(StandardCharsets.UTF_8));
    }
}
