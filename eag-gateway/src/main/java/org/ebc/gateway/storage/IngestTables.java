package org.ebc.gateway.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.gateway.verify.Rejection;
import org.ebc.gateway.verify.VerifiedReading;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;

/**
 * The statements the writer runs inside a group commit, prepared once on its connection: readings, gap
 * events, the rejection log and the counters. Not thread-safe: the writer thread's alone.
 */
final class IngestTables {
    private final PreparedStatement insertReading;
    private final PreparedStatement insertGap;
    private final PreparedStatement fillGap;
    private final PreparedStatement closeGap;
    private final PreparedStatement insertRejection;
    private final PreparedStatement pruneRejections;
    private final PreparedStatement addRejectionCount;
    private final PreparedStatement addCounter;
    private final PreparedStatement readAckSeq;
    private final PreparedStatement writeAckSeq;
    private final PreparedStatement insertEvidence;
    private final PreparedStatement flagNode;

    IngestTables(Connection c) throws SQLException {
        insertReading = c.prepareStatement(
                "INSERT INTO readings (meter_serial, page, node_id, import_wh, export_wh, reading_time_ms, "
                        + "clock_status, flags, received_ms, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (meter_serial, page) DO NOTHING");
        insertGap = c.prepareStatement(
                "INSERT INTO gap_events (meter_serial, node_id, first_missing, last_missing, detected_ms) VALUES (?, ?, ?, ?, ?)");
        fillGap = c.prepareStatement(
                "UPDATE gap_events SET filled = filled + 1 WHERE meter_serial = ? AND first_missing <= ? AND last_missing >= ? "
                        + "AND closed_ms IS NULL RETURNING id, filled = last_missing - first_missing + 1");
        closeGap = c.prepareStatement("UPDATE gap_events SET closed_ms = ? WHERE id = ?");
        insertRejection = c.prepareStatement(
                "INSERT INTO rejections (received_ms, sender, topic, page, reason, detail, size_bytes, digest) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        pruneRejections = c.prepareStatement("DELETE FROM rejections WHERE id <= (SELECT MAX(id) FROM rejections) - ?");
        addRejectionCount = c.prepareStatement("INSERT INTO rejection_counts (reason, count) VALUES (?, ?) "
                + "ON CONFLICT (reason) DO UPDATE SET count = count + excluded.count");
        addCounter = c.prepareStatement("INSERT INTO ingest_counters (name, value) VALUES (?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value");
        readAckSeq = c.prepareStatement("SELECT last_seq FROM ack_sequences WHERE node_id = ?");
        insertEvidence = c.prepareStatement(
                "INSERT INTO page_evidence (meter_serial, page, node_id, stored_raw, second_raw, second_digest, detected_ms) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (meter_serial, page, second_digest) DO NOTHING");
        flagNode =
                c.prepareStatement("INSERT INTO node_flags (node_id, reason, detail, flagged_ms) VALUES (?, ?, ?, ?)");
        writeAckSeq = c.prepareStatement("INSERT INTO ack_sequences (node_id, last_seq) VALUES (?, ?) "
                + "ON CONFLICT (node_id) DO UPDATE SET last_seq = excluded.last_seq");
    }

    /** @return false if (meter, page) was already stored (nothing written) */
    boolean insertReading(VerifiedReading r) throws SQLException {
        PreparedStatement p = insertReading;
        p.setString(1, r.meter().value());
        p.setLong(2, r.page());
        p.setString(3, r.node().value());
        p.setLong(4, r.importRegister().wh());
        if (r.exportRegister() == null) {
            p.setNull(5, Types.INTEGER);
        } else {
            p.setLong(5, r.exportRegister().wh());
        }
        p.setLong(6, r.readingTime().toEpochMilli());
        p.setString(7, r.clock().name());
        p.setInt(8, r.flags());
        p.setLong(9, r.receivedAt().toEpochMilli());
        p.setBytes(10, r.raw());
        return p.executeUpdate() == 1;
    }

    void insertGap(MeterSerial meter, NodeId node, Ack.PageRange missing, Instant detected) throws SQLException {
        insertGap.setString(1, meter.value());
        insertGap.setString(2, node.value());
        insertGap.setLong(3, missing.first());
        insertGap.setLong(4, missing.last());
        insertGap.setLong(5, detected.toEpochMilli());
        insertGap.executeUpdate();
    }

    /** Counts a late page towards its open gap event. @return true if that completed (closed) the gap */
    boolean fillGap(MeterSerial meter, long page, Instant now) throws SQLException {
        fillGap.setString(1, meter.value());
        fillGap.setLong(2, page);
        fillGap.setLong(3, page);
        long completedId = -1;
        try (ResultSet r = fillGap.executeQuery()) {
            while (r.next()) {
                if (r.getBoolean(2)) {
                    completedId = r.getLong(1);
                }
            }
        }
        if (completedId < 0) {
            return false;
        }
        closeGap.setLong(1, now.toEpochMilli());
        closeGap.setLong(2, completedId);
        closeGap.executeUpdate();
        return true;
    }

    void insertRejection(Rejection r) throws SQLException {
        PreparedStatement p = insertRejection;
        p.setLong(1, r.receivedAt().toEpochMilli());
        p.setString(2, r.sender() == null ? null : r.sender().value());
        p.setString(3, r.topic());
        if (r.page() == null) {
            p.setNull(4, Types.INTEGER);
        } else {
            p.setLong(4, r.page());
        }
        p.setString(5, r.reason().name());
        p.setString(6, r.detail().length() > 500 ? r.detail().substring(0, 500) : r.detail());
        p.setInt(7, r.sizeBytes());
        p.setString(8, r.digest());
        p.executeUpdate();
    }

    /** Keeps the newest {@code keep} rows of the rejection log; the per-reason totals stay. */
    void pruneRejections(int keep) throws SQLException {
        pruneRejections.setLong(1, keep);
        pruneRejections.executeUpdate();
    }

    void addRejectionCounts(Map<RejectReason, Integer> counts) throws SQLException {
        for (Map.Entry<RejectReason, Integer> e : counts.entrySet()) {
            addRejectionCount.setString(1, e.getKey().name());
            addRejectionCount.setLong(2, e.getValue());
            addRejectionCount.executeUpdate();
        }
    }

    void addCounter(String name, long delta) throws SQLException {
        addCounter.setString(1, name);
        addCounter.setLong(2, delta);
        addCounter.executeUpdate();
    }

    /**
     * Keeps both records of a page signed twice. @return false if exactly this second record was kept before
     * (the same forgery delivered again adds nothing)
     */
    boolean insertPageEvidence(VerifiedReading second, byte[] stored, Instant now) throws SQLException {
        insertEvidence.setString(1, second.meter().value());
        insertEvidence.setLong(2, second.page());
        insertEvidence.setString(3, second.node().value());
        insertEvidence.setBytes(4, stored);
        insertEvidence.setBytes(5, second.raw());
        insertEvidence.setString(6, org.ebc.crypto.Sha256.hex(second.raw()));
        insertEvidence.setLong(7, now.toEpochMilli());
        return insertEvidence.executeUpdate() == 1;
    }

    /** Flags a node for the operator: it stays flagged (and its orders refused) until an operator clears it. */
    void flagNode(NodeId node, String reason, String detail, Instant now) throws SQLException {
        flagNode.setString(1, node.value());
        flagNode.setString(2, reason);
        flagNode.setString(3, detail);
        flagNode.setLong(4, now.toEpochMilli());
        flagNode.executeUpdate();
    }

    long lastAckSeq(NodeId node) throws SQLException {
        readAckSeq.setString(1, node.value());
        try (ResultSet r = readAckSeq.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    void writeAckSeq(NodeId node, long seq) throws SQLException {
        writeAckSeq.setString(1, node.value());
        writeAckSeq.setLong(2, seq);
        writeAckSeq.executeUpdate();
    }
}
