package org.ebc.gateway.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebc.units.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * What {@code eag-gateway status} shows, read from the database in one read transaction (so the numbers
 * agree with each other even while the gateway writes). Immutable.
 *
 * @param schemaVersion the database's schema version
 * @param readings readings stored
 * @param redeliveries pages received again with identical bytes, in total
 * @param rejectionsByReason refusals per reason code, in total
 * @param nodes every node of the account pool with its readings
 * @param openGaps gap events with pages still missing
 * @param gapEvents gap events ever raised
 * @param recentRejections the newest rows of the rejection log
 * @param flagged nodes flagged for the operator and not cleared (a double-signed page, say)
 */
public record StatusReport(
        int schemaVersion,
        long readings,
        long redeliveries,
        Map<String, Long> rejectionsByReason,
        List<NodeLine> nodes,
        List<GapLine> openGaps,
        long gapEvents,
        List<RejectionLine> recentRejections,
        List<FlagLine> flagged,
        LedgerLine ledger) {

    /**
     * The chain and what waits for it: the stored height and the last block's time (null without blocks), and the
     * payments' memory pool entries not yet in a committed block (pending: an islanded gateway's whole trading since
     * it lost its peers), with the oldest one's entry time.
     */
    public record LedgerLine(
            long height,
            @Nullable Instant lastBlock,
            long waiting,
            long transfersWaiting,
            @Nullable Instant oldestWaiting,
            long registrationsRevision,
            @Nullable Instant registrationsReceived) {}

    /** A node flagged for the operator: why, and since when. */
    public record FlagLine(String node, String reason, String detail, Instant since) {}

    /** One node: its meter, certificate, and readings. {@code lastPage} and {@code lastReceived} are null without readings. */
    public record NodeLine(
            String node,
            String meter,
            Instant certificateNotAfter,
            String source,
            long readings,
            Long lastPage,
            Instant lastReceived) {}

    /** One gap event: pages {@code first..last} of a meter, {@code filled} of them arrived since. */
    public record GapLine(String meter, String node, long first, long last, long filled, Instant detected) {
        public long missing() {
            return last - first + 1 - filled;
        }
    }

    /** One row of the rejection log. */
    public record RejectionLine(
            Instant received, String sender, String topic, Long page, String reason, String detail) {}

    public long rejectionsTotal() {
        return rejectionsByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public static StatusReport read(Connection c, int recentRejectionRows) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            int version = SchemaMigrator.currentVersion(c);
            if (version == 0) {
                throw new SQLException("the database has no schema yet: the gateway has not started on it");
            }
            long readings = single(c, "SELECT COUNT(*) FROM readings");
            long redeliveries =
                    single(c, "SELECT COALESCE(SUM(value), 0) FROM ingest_counters WHERE name = 'redeliveries'");
            Map<String, Long> byReason = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet r =
                            s.executeQuery("SELECT reason, count FROM rejection_counts ORDER BY count DESC, reason")) {
                while (r.next()) {
                    byReason.put(r.getString(1), r.getLong(2));
                }
            }
            List<NodeLine> nodes = new ArrayList<>();
            String nodeSql =
                    "SELECT n.node_id, n.meter_serial, n.not_after_ms, n.source, COUNT(r.id), MAX(r.page), MAX(r.received_ms) "
                            + "FROM nodes n LEFT JOIN readings r ON r.node_id = n.node_id GROUP BY n.node_id ORDER BY n.node_id";
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(nodeSql)) {
                while (r.next()) {
                    long lastPage = r.getLong(6);
                    Long page = r.wasNull() ? null : lastPage;
                    long lastMs = r.getLong(7);
                    Instant last = r.wasNull() ? null : Instant.ofEpochMilli(lastMs);
                    nodes.add(new NodeLine(
                            r.getString(1),
                            r.getString(2),
                            Instant.ofEpochMilli(r.getLong(3)),
                            r.getString(4),
                            r.getLong(5),
                            page,
                            last));
                }
            }
            List<GapLine> gaps = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT meter_serial, node_id, first_missing, last_missing, filled, "
                            + "detected_ms FROM gap_events WHERE closed_ms IS NULL ORDER BY detected_ms, id")) {
                while (r.next()) {
                    gaps.add(new GapLine(
                            r.getString(1),
                            r.getString(2),
                            r.getLong(3),
                            r.getLong(4),
                            r.getLong(5),
                            Instant.ofEpochMilli(r.getLong(6))));
                }
            }
            long gapEvents = single(c, "SELECT COUNT(*) FROM gap_events");
            List<RejectionLine> recent = recentRejections(c, recentRejectionRows);
            List<FlagLine> flagged = new ArrayList<>();
            if (version >= 2) {
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT node_id, reason, detail, flagged_ms FROM node_flags "
                                + "WHERE cleared_ms IS NULL ORDER BY flagged_ms, id")) {
                    while (r.next()) {
                        flagged.add(new FlagLine(
                                r.getString(1), r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4))));
                    }
                }
            }
            LedgerLine ledger = new LedgerLine(0, null, 0, 0, null, 0, null);
            if (version >= 4) {
                long height = single(c, "SELECT COALESCE(MAX(height), 0) FROM ledger_blocks");
                long last = single(c, "SELECT COALESCE(MAX(timestamp_ms), -1) FROM ledger_blocks");
                long waiting = single(c, "SELECT COUNT(*) FROM memory_pool WHERE status = 'ready'");
                long transfers =
                        single(c, "SELECT COUNT(*) FROM memory_pool WHERE status = 'ready' AND kind = 'transfer'");
                long oldest = single(c, "SELECT COALESCE(MIN(entered_ms), -1) FROM memory_pool WHERE status = 'ready'");
                long revision =
                        version >= 6 ? single(c, "SELECT COALESCE(MAX(seq), 0) FROM consortium_registrations") : 0;
                long received = version >= 6
                        ? single(c, "SELECT COALESCE(MAX(received_at), -1) FROM consortium_registrations")
                        : -1;
                ledger = new LedgerLine(
                        height,
                        last < 0 ? null : Instant.ofEpochMilli(last),
                        waiting,
                        transfers,
                        oldest < 0 ? null : Instant.ofEpochMilli(oldest),
                        revision,
                        received < 0 ? null : Instant.ofEpochMilli(received));
            }
            return new StatusReport(
                    version, readings, redeliveries, byReason, nodes, gaps, gapEvents, recent, flagged, ledger);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    static List<RejectionLine> recentRejections(Connection c, int rows) throws SQLException {
        List<RejectionLine> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT received_ms, sender, topic, page, reason, detail FROM rejections ORDER BY id DESC LIMIT ?")) {
            p.setInt(1, rows);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long page = r.getLong(4);
                    Long pg = r.wasNull() ? null : page;
                    out.add(new RejectionLine(
                            Instant.ofEpochMilli(r.getLong(1)),
                            r.getString(2),
                            r.getString(3),
                            pg,
                            r.getString(5),
                            r.getString(6)));
                }
            }
        }
        return out;
    }

    /** The highest stored page per node (what a restarted gateway's counters start from). */
    public static Map<NodeId, Long> lastPages(Connection c) throws SQLException {
        Map<NodeId, Long> out = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT node_id, MAX(page) FROM readings GROUP BY node_id")) {
            while (r.next()) {
                out.put(NodeId.of(r.getString(1)), r.getLong(2));
            }
        }
        return out;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
