package org.ebc.gateway.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.StatusReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code eag-gateway status --config FILE | --data DIR}: what the gateway's database holds, read with a
 * read-only connection (works while the gateway runs; SQLite's WAL lets readers and the writer proceed
 * together). Exit code 2 if there is no database to read.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description =
                "Show the gateway's database: nodes, readings stored, rejections by reason, gap events, the chain's height and"
                        + " what waits for a block, last page per node.")
public final class StatusCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    DatabaseLocation location;

    @Option(
            names = "--rejections",
            paramLabel = "N",
            defaultValue = "10",
            description = "newest rejection log rows to show (default ${DEFAULT-VALUE})")
    int recentRejections;

    @Override
    public Integer call() {
        Path file;
        StatusReport report;
        try {
            file = location.databaseFile();
            try (Connection c = GatewayDatabase.openReader(file)) {
                report = StatusReport.read(c, Math.max(0, recentRejections));
            }
        } catch (ConfigException | SQLException e) {
            System.err.println("eag-gateway status: " + e.getMessage());
            return 2;
        }
        print(System.out, file, report);
        return 0;
    }

    static void print(PrintStream out, Path file, StatusReport r) {
        out.printf("database     %s (schema V%d)%n", file.toAbsolutePath(), r.schemaVersion());
        out.printf("readings     %d stored, %d re-deliveries acknowledged again%n", r.readings(), r.redeliveries());
        out.printf(
                "rejections   %d%s%n",
                r.rejectionsTotal(), r.rejectionsByReason().isEmpty() ? "" : ":");
        for (Map.Entry<String, Long> e : r.rejectionsByReason().entrySet()) {
            out.printf("  %-26s %d%n", e.getKey(), e.getValue());
        }
        out.printf(
                "gap events   %d raised, %d with pages still missing%n",
                r.gapEvents(), r.openGaps().size());
        for (StatusReport.GapLine g : r.openGaps()) {
            out.printf(
                    "  meter %s (node %s): pages T%d..T%d, %d still missing, since %s%n",
                    g.meter(), g.node(), g.first(), g.last(), g.missing(), g.detected());
        }
        if (!r.flagged().isEmpty()) {
            out.printf(
                    "FLAGGED      %d node(s) for the operator (orders refused until cleared):%n",
                    r.flagged().size());
            for (StatusReport.FlagLine f : r.flagged()) {
                out.printf("  %s: %s since %s: %s%n", f.node(), f.reason(), f.since(), f.detail());
            }
        }
        StatusReport.LedgerLine l = r.ledger();
        out.printf(
                "ledger       %s; %d pool entr%s waiting for a block (%d payment(s))%s%n",
                l.height() == 0
                        ? "no block stored (ledger.genesis not set, or none committed yet)"
                        : "height " + l.height() + ", last block " + l.lastBlock(),
                l.waiting(),
                l.waiting() == 1 ? "y" : "ies",
                l.transfersWaiting(),
                l.oldestWaiting() == null ? "" : ", the oldest since " + l.oldestWaiting());
        out.printf(
                "registrations %s%n",
                l.registrationsRevision() == 0
                        ? "none received from the authority (the chain knows this gateway's own nodes only)"
                        : "revision " + l.registrationsRevision() + " of the authority's, kept since "
                                + l.registrationsReceived() + " (who is at home at which EAG, and who is revoked)");
        out.printf("nodes        %d%n", r.nodes().size());
        if (!r.nodes().isEmpty()) {
            out.printf(
                    "  %-20s %-20s %10s %10s  %-24s  %-20s %s%n",
                    "NODE", "METER", "READINGS", "LAST PAGE", "LAST RECEIVED", "CERTIFICATE UNTIL", "FROM");
            for (StatusReport.NodeLine n : r.nodes()) {
                out.printf(
                        "  %-20s %-20s %10d %10s  %-24s  %-20s %s%n",
                        n.node(),
                        n.meter(),
                        n.readings(),
                        n.lastPage() == null ? "-" : "T" + n.lastPage(),
                        n.lastReceived() == null ? "-" : n.lastReceived(),
                        day(n.certificateNotAfter()),
                        n.source());
            }
        }
        if (!r.recentRejections().isEmpty()) {
            out.printf("newest rejections%n");
            for (StatusReport.RejectionLine x : r.recentRejections()) {
                out.printf(
                        "  %s  %-16s %-8s %-22s %s%n",
                        x.received(),
                        x.sender() == null ? "(" + cut(x.topic(), 40) + ")" : x.sender(),
                        x.page() == null ? "-" : "T" + x.page(),
                        x.reason(),
                        cut(x.detail(), 100));
            }
        }
    }

    private static String day(Instant t) {
        return t.toString().substring(0, 10);
    }

    private static String cut(String s, int max) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > max ? clean.substring(0, max) + "…" : clean;
    }
}
