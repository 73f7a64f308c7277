package org.ebc.gateway.trading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ebc.gateway.settlement.BorderEvidence;
import org.ebc.gateway.settlement.NodeEvidence;
import org.ebc.gateway.settlement.ProofFailure;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.ocmf.OcmfResult;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;

/**
 * Finds a node's signed border readings in the gateway's stored readings and turns them into settlement
 * evidence. A border reading is the stored reading of the node taken at the border instant: OCMF reason
 * {@code TX = B} (the agent reads at every slot border), reading time within {@link #TOLERANCE} of the border
 * (the agent schedules it at the border itself; a reading that late is still that border's, a later one is
 * not). The closest such reading counts; its {@link org.ebc.gateway.verify.ReadingFlags} decide whether it
 * proves anything ({@code BorderEvidence.ofReading}).
 *
 * <p>A border reading that the ingress refused as {@code IMPLAUSIBLE_POWER} is not stored; when such a refusal
 * of the node was logged around the border, the evidence says {@link ProofFailure#IMPLAUSIBLE} instead of
 * {@link ProofFailure#MISSING}, so the operator sees why.
 *
 * <p>Also what {@code ledger prove} puts in a trade proof ({@link #record}): the same reading settlement read.
 *
 * <p>Not thread-safe: one connection (the transaction server's, or a reader's).
 */
public final class BorderReadings {
    /** How far from the border a border reading's time may be. */
    static final Duration TOLERANCE = org.ebc.ledger.TradeProof.BORDER_TOLERANCE;

    private final PreparedStatement near;
    private final PreparedStatement implausible;

    public BorderReadings(Connection c) throws SQLException {
        near = c.prepareStatement("SELECT import_wh, export_wh, flags, raw, ABS(reading_time_ms - ?) AS distance "
                + "FROM readings WHERE node_id = ? AND reading_time_ms BETWEEN ? AND ? ORDER BY distance, page");
        implausible =
                c.prepareStatement("SELECT COUNT(*) FROM rejections WHERE sender = ? AND reason = 'IMPLAUSIBLE_POWER' "
                        + "AND received_ms BETWEEN ? AND ?");
    }

    /** The node's evidence for a slot from {@code start} to {@code end}. */
    NodeEvidence evidence(NodeId node, Instant start, Instant end) throws SQLException {
        return new NodeEvidence(at(node, start), at(node, end));
    }

    /** True once both border readings of the node are stored (good or not): no need to wait for the grace. */
    boolean complete(NodeId node, Instant start, Instant end) throws SQLException {
        return find(node, start).isPresent() && find(node, end).isPresent();
    }

    private BorderEvidence at(NodeId node, Instant border) throws SQLException {
        Optional<BorderEvidence> found = find(node, border);
        if (found.isPresent()) {
            return found.get();
        }
        implausible.setString(1, node.value());
        implausible.setLong(2, border.minus(TOLERANCE).toEpochMilli());
        implausible.setLong(3, border.plus(Duration.ofMinutes(10)).toEpochMilli());
        try (ResultSet r = implausible.executeQuery()) {
            if (r.next() && r.getLong(1) > 0) {
                return new BorderEvidence.Unproven(ProofFailure.IMPLAUSIBLE);
            }
        }
        return new BorderEvidence.Unproven(ProofFailure.MISSING);
    }

    private Optional<BorderEvidence> find(NodeId node, Instant border) throws SQLException {
        return row(node, border).map(r -> BorderEvidence.ofReading(Energy.ofWh(r.importWh()), r.exportWh(), r.flags()));
    }

    /** The exact bytes of the node's border reading at {@code border}, the one settlement used; empty if none. */
    public Optional<byte[]> record(NodeId node, Instant border) throws SQLException {
        return row(node, border).map(Row::raw);
    }

    private record Row(long importWh, Optional<Energy> exportWh, int flags, byte[] raw) {}

    private Optional<Row> row(NodeId node, Instant border) throws SQLException {
        long b = border.toEpochMilli();
        near.setLong(1, b);
        near.setString(2, node.value());
        near.setLong(3, b - TOLERANCE.toMillis());
        near.setLong(4, b + TOLERANCE.toMillis());
        try (ResultSet r = near.executeQuery()) {
            while (r.next()) {
                byte[] raw = r.getBytes(4);
                if (!isBorderReading(raw)) {
                    continue;
                }
                long exportWh = r.getLong(2);
                Optional<Energy> export = r.wasNull() ? Optional.empty() : Optional.of(Energy.ofWh(exportWh));
                return Optional.of(new Row(r.getLong(1), export, r.getInt(3), raw));
            }
        }
        return Optional.empty();
    }

    /** The stored record was verified when it arrived; here only its reason letter is read. */
    private static boolean isBorderReading(byte[] raw) {
        OcmfResult r = OcmfCodec.decode(raw);
        return r.isOk() && r.record().payload().readings().stream().anyMatch(x -> "B".equals(x.transaction()));
    }
}
