package org.ebc.gateway.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.ReadingExport;
import org.ebc.units.NodeId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eag-gateway readings …}: the stored readings. */
@Command(
        name = "readings",
        mixinStandardHelpOptions = true,
        description = "Export stored readings (exactly as received) as OCMF lines or CSV.",
        subcommands = ReadingsCommand.Export.class)
public final class ReadingsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /**
     * {@code eag-gateway readings export --format ocmf|csv [--node ID] [--out FILE] --config FILE|--data DIR}.
     * Reads with a read-only connection, so it works while the gateway runs. Exit code 2 for a bad
     * argument or a missing database, 1 if the output cannot be written.
     */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description =
                    "Write stored readings, ordered by node and page: OCMF (one record per line, exactly as received) or CSV.")
    static final class Export implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        DatabaseLocation location;

        @Option(names = "--format", required = true, paramLabel = "ocmf|csv", description = "ocmf or csv")
        String format;

        @Option(names = "--node", paramLabel = "ID", description = "only this node's readings")
        String node;

        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;

        @Override
        @SuppressWarnings("ClosingStandardOutputStreams") // NonClosing only flushes standard output, never closes it
        public Integer call() {
            ReadingExport.Format f = switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "ocmf" -> ReadingExport.Format.OCMF;
                case "csv" -> ReadingExport.Format.CSV;
                default -> null;
            };
            if (f == null) {
                System.err.println("eag-gateway readings export: --format must be ocmf or csv, not '" + format + "'");
                return 2;
            }
            if (node != null && !NodeId.isValid(node)) {
                System.err.println("eag-gateway readings export: --node '" + node + "' is not a node id");
                return 2;
            }
            Path file;
            try {
                file = location.databaseFile();
            } catch (ConfigException e) {
                System.err.println("eag-gateway readings export: " + e.getMessage());
                return 2;
            }
            try (Connection c = GatewayDatabase.openReader(file);
                    OutputStream o = out == null
                            ? new NonClosing(System.out)
                            : new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                long n = ReadingExport.write(c, f, Optional.ofNullable(node).map(NodeId::of), o);
                if (out != null) {
                    System.err.println(n + " reading(s) written to " + out);
                }
                return 0;
            } catch (SQLException e) {
                System.err.println("eag-gateway readings export: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                System.err.println("eag-gateway readings export: cannot write "
                        + (out == null ? "standard output" : out) + ": " + e.getMessage());
                return 1;
            }
        }
    }

    /** Standard output, buffered, flushed but never closed by the export. */
    private static final class NonClosing extends BufferedOutputStream {
        NonClosing(OutputStream out) {
            super(out, 1 << 16);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
