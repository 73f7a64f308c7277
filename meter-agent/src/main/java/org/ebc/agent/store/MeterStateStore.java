package org.ebc.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;

/**
 * Reads and writes the single {@code meter_state} row: registers and page counter. Writes happen inside
 * the caller's transaction, so that the page a record carries is reserved in the very transaction that
 * stores the signed record in the outbox. The table's trigger refuses any write that would move a
 * register or the page counter backwards.
 *
 * <p>Stateless; thread-safety is the connection's (one agent thread).
 */
public final class MeterStateStore {
    private MeterStateStore() {}

    /**
     * The persisted state, created empty (page 1, zero registers) on first use. A file that belongs to
     * another node or meter is refused: its registers are not this meter's.
     */
    public static MeterState loadOrCreate(AgentDatabase db, NodeId node, MeterSerial meter, Instant now) {
        return db.inTransaction(c -> {
            Optional<MeterState> existing = load(c);
            if (existing.isPresent()) {
                MeterState s = existing.get();
                if (!s.node().equals(node) || !s.meter().equals(meter)) {
                    throw new StoreException(
                            db.file() + " holds the registers of node " + s.node() + " with meter " + s.meter()
                                    + ", not node " + node + " with meter " + meter
                                    + "; a new meter or node needs its own data.dir (the old registers stay as evidence)",
                            null);
                }
                return s;
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO meter_state (id, node_id, meter_serial, next_page, import_wh, export_wh, updated_ms) VALUES (1, ?, ?, 1, 0, 0, ?)")) {
                p.setString(1, node.value());
                p.setString(2, meter.value());
                p.setLong(3, now.toEpochMilli());
                p.executeUpdate();
            }
            return new MeterState(node, meter, PageCounter.FIRST, EnergyRegisters.ZERO, now);
        });
    }

    public static Optional<MeterState> load(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                        "SELECT node_id, meter_serial, next_page, import_wh, export_wh, updated_ms FROM meter_state WHERE id = 1");
                ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new MeterState(
                    NodeId.of(rs.getString(1)),
                    MeterSerial.of(rs.getString(2)),
                    PageCounter.of(rs.getLong(3)),
                    EnergyRegisters.ofWh(rs.getLong(4), rs.getLong(5)),
                    Instant.ofEpochMilli(rs.getLong(6))));
        }
    }

    /** Stores registers and the next page, inside the caller's transaction. */
    public static void save(Connection c, PageCounter nextPage, EnergyRegisters registers, Instant now)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE meter_state SET next_page = ?, import_wh = ?, export_wh = ?, updated_ms = ? WHERE id = 1")) {
            p.setLong(1, nextPage.value());
            p.setLong(2, registers.importEnergy().wh());
            p.setLong(3, registers.exportEnergy().wh());
            p.setLong(4, now.toEpochMilli());
            if (p.executeUpdate() != 1) {
                throw new SQLException("meter_state row is missing");
            }
        }
    }
}
