package org.ebc.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.wire.Ack;

/**
 * The durable, bounded outbox of signed records, and the quarantine beside it.
 *
 * <p>A record enters the outbox in the same transaction that reserves its page and persists the registers
 * it carries ({@link #append}). It leaves only on the gateway's signed acknowledgement ({@link #apply}):
 * committed pages are deleted; rejected pages move to quarantine with the gateway's reason, so they never
 * block the records behind them. A broker's PUBACK never removes anything.
 *
 * <p>Bounded: {@link #isFull()} once {@link #depth()} reaches the limit. The reading loop then stops
 * signing new records but keeps the registers counting, so no energy is lost and nothing already signed
 * is dropped; the next record after the outbox drains carries everything counted meanwhile.
 *
 * <p>Not thread-safe: owned by the agent thread, which is the only writer of the file.
 */
public final class Outbox {
    private final AgentDatabase db;
    private final long limit;
    private long depth;
    private long quarantined;

    /** A signed record waiting for the gateway's acknowledgement. */
    public record Entry(
            long page, byte[] record, Instant readAt, String transaction, String status, EnergyRegisters registers) {}

    /** A record the gateway refused. */
    public record Quarantined(long page, Instant readAt, String reason, String detail, Instant quarantinedAt) {}

    /**
     * What one acknowledgement did.
     *
     * @param committed records deleted from the outbox as committed by the gateway
     * @param quarantined pages moved to quarantine
     * @param highestCommitted the highest page the acknowledgement says is committed (0 if none)
     */
    public record AckEffect(int committed, List<Long> quarantined, long highestCommitted) {}

    public Outbox(AgentDatabase db, long limit) {
        this.db = db;
        this.limit = limit;
        this.depth = db.read(c -> count(c, "outbox"));
        this.quarantined = db.read(c -> count(c, "quarantine"));
    }

    public long depth() {
        return depth;
    }

    public long quarantined() {
        return quarantined;
    }

    public long limit() {
        return limit;
    }

    public boolean isFull() {
        return depth >= limit;
    }

    /**
     * Stores {@code e} and runs {@code sameTransaction} (the page and register update) in one fsync'd
     * transaction: either both are durable or neither is.
     */
    public void append(Entry e, AgentDatabase.SqlWork<Void> sameTransaction) {
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO outbox (page, record, read_ms, tx, status, import_wh, export_wh) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, e.page());
                p.setBytes(2, e.record());
                p.setLong(3, e.readAt().toEpochMilli());
                p.setString(4, e.transaction());
                p.setString(5, e.status());
                p.setLong(6, e.registers().importEnergy().wh());
                p.setLong(7, e.registers().exportEnergy().wh());
                p.executeUpdate();
            }
            return sameTransaction.run(c);
        });
        depth++;
    }

    /** Up to {@code max} records with page ≥ {@code fromPage}, in page order. */
    public List<Entry> from(long fromPage, int max) {
        return db.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT page, record, read_ms, tx, status, import_wh, export_wh FROM outbox WHERE page >= ? ORDER BY page LIMIT ?")) {
                p.setLong(1, fromPage);
                p.setInt(2, max);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(
                                rs.getLong(1),
                                rs.getBytes(2),
                                Instant.ofEpochMilli(rs.getLong(3)),
                                rs.getString(4),
                                rs.getString(5),
                                EnergyRegisters.ofWh(rs.getLong(6), rs.getLong(7))));
                    }
                }
            }
            return out;
        });
    }

    /** The lowest page in the outbox, or 0 when it is empty. */
    public long firstPage() {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COALESCE(MIN(page), 0) FROM outbox")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * Applies a verified acknowledgement in one transaction: deletes committed pages, moves rejected pages
     * (that are not also committed) to quarantine, and records the last acknowledgement.
     */
    public AckEffect apply(Ack ack, Instant now) {
        AckEffect effect = db.inTransaction(c -> {
            List<Long> moved = new ArrayList<>();
            for (Ack.Rejection r : ack.rejected()) {
                if (ack.committed().stream().anyMatch(range -> range.contains(r.page()))) {
                    continue;
                }
                if (quarantine(c, r, now)) {
                    moved.add(r.page());
                    EventJournal.record(
                            c,
                            now,
                            AgentEvent.RECORD_QUARANTINED,
                            "page " + r.page() + " rejected by " + ack.eag() + ": " + r.reason()
                                    + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")"));
                }
            }
            int deleted = 0;
            long highest = 0;
            try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox WHERE page BETWEEN ? AND ?")) {
                for (Ack.PageRange range : ack.committed()) {
                    p.setLong(1, range.first());
                    p.setLong(2, range.last());
                    deleted += p.executeUpdate();
                    highest = Math.max(highest, range.last());
                }
            }
            EventJournal.add(c, Counter.RECORDS_ACKNOWLEDGED, deleted);
            EventJournal.add(c, Counter.RECORDS_QUARANTINED, moved.size());
            LinkStore.recordAck(c, highest, now);
            return new AckEffect(deleted, List.copyOf(moved), highest);
        });
        depth -= effect.committed() + effect.quarantined().size();
        quarantined += effect.quarantined().size();
        return effect;
    }

    private static boolean quarantine(Connection c, Ack.Rejection r, Instant now) throws SQLException {
        int copied;
        try (PreparedStatement p = c.prepareStatement(
                "INSERT OR REPLACE INTO quarantine (page, record, read_ms, reason, detail, quarantined_ms) "
                        + "SELECT page, record, read_ms, ?, ?, ? FROM outbox WHERE page = ?")) {
            p.setString(1, r.reason());
            p.setString(2, r.detail());
            p.setLong(3, now.toEpochMilli());
            p.setLong(4, r.page());
            copied = p.executeUpdate();
        }
        if (copied == 0) {
            return false; // not ours any more (already committed or quarantined): nothing to set aside
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM outbox WHERE page = ?")) {
            p.setLong(1, r.page());
            p.executeUpdate();
        }
        return true;
    }

    /** The latest quarantined records, newest first. */
    public static List<Quarantined> quarantine(Connection c, int limit) throws SQLException {
        List<Quarantined> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT page, read_ms, reason, detail, quarantined_ms FROM quarantine ORDER BY quarantined_ms DESC, page DESC LIMIT ?")) {
            p.setInt(1, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Quarantined(
                            rs.getLong(1),
                            Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3),
                            rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
        }
        return out;
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
