package org.ebc.gateway.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ebc.gateway.verify.MeterHistory;
import org.ebc.units.Energy;
import org.ebc.units.MeterSerial;

/**
 * {@link MeterHistory} over the writer's connection, so that it sees what the open group commit has
 * written. The highest page of each meter is cached: the common case (the next page of a meter) then
 * needs no query at all. The cache follows the open transaction; {@link #forgetUncommitted()} must be
 * called when a transaction rolls back.
 *
 * <p>Not thread-safe: used by the single writer thread only.
 */
final class SqliteMeterHistory implements MeterHistory {
    private final PreparedStatement bytes;
    private final PreparedStatement highest;
    private final PreparedStatement below;
    private final PreparedStatement above;
    private final Map<MeterSerial, StoredRegisters> heads = new HashMap<>();

    SqliteMeterHistory(Connection c) throws SQLException {
        bytes = c.prepareStatement("SELECT raw FROM readings WHERE meter_serial = ? AND page = ?");
        highest = c.prepareStatement(
                "SELECT page, import_wh, export_wh, reading_time_ms FROM readings WHERE meter_serial = ? ORDER BY page DESC LIMIT 1");
        below = c.prepareStatement(
                "SELECT page, import_wh, export_wh, reading_time_ms FROM readings WHERE meter_serial = ? AND page < ? ORDER BY page DESC LIMIT 1");
        above = c.prepareStatement(
                "SELECT page, import_wh, export_wh, reading_time_ms FROM readings WHERE meter_serial = ? AND page > ? ORDER BY page ASC LIMIT 1");
    }

    @Override
    public Optional<byte[]> storedBytes(MeterSerial meter, long page) {
        Optional<StoredRegisters> head = highest(meter);
        if (head.isEmpty() || page > head.get().page()) {
            return Optional.empty();
        }
        try {
            bytes.setString(1, meter.value());
            bytes.setLong(2, page);
            try (ResultSet r = bytes.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read page " + page + " of meter " + meter, e);
        }
    }

    @Override
    public Optional<StoredRegisters> highest(MeterSerial meter) {
        StoredRegisters cached = heads.get(meter);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<StoredRegisters> found = registers(highest, meter, null);
        found.ifPresent(h -> heads.put(meter, h));
        return found;
    }

    @Override
    public Optional<StoredRegisters> nearestBelow(MeterSerial meter, long page) {
        return registers(below, meter, page);
    }

    @Override
    public Optional<StoredRegisters> nearestAbove(MeterSerial meter, long page) {
        return registers(above, meter, page);
    }

    /** The open transaction stored {@code stored}; keep the cached head current. */
    void stored(MeterSerial meter, StoredRegisters stored) {
        StoredRegisters head = heads.get(meter);
        if (head == null || stored.page() > head.page()) {
            heads.put(meter, stored);
        }
    }

    /** The open transaction rolled back: cached heads may name pages that are not stored. */
    void forgetUncommitted() {
        heads.clear();
    }

    private static Optional<StoredRegisters> registers(PreparedStatement q, MeterSerial meter, Long page) {
        try {
            q.setString(1, meter.value());
            if (page != null) {
                q.setLong(2, page);
            }
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long exportWh = r.getLong(3);
                Energy export = r.wasNull() ? null : Energy.ofWh(exportWh);
                return Optional.of(new StoredRegisters(
                        r.getLong(1), Energy.ofWh(r.getLong(2)), export, java.time.Instant.ofEpochMilli(r.getLong(4))));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the registers of meter " + meter, e);
        }
    }
}
