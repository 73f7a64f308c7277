package org.ebc.gateway.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.ebc.gateway.storage.GatewayDatabase;

/**
 * Watches one gateway's ledger from outside, as an operator's tool would: a read-only connection to its SQLite file,
 * polled for blocks stored since the last look. The time a block is first seen is when that EAG had stored it with
 * its certificate (within one polling period): the bench's view of a commit, whether the gateway runs in its own
 * process or in this JVM.
 */
final class ChainWatch implements AutoCloseable {
    /** A block as first seen in this EAG's file. */
    record Seen(long height, String hash, long timestampMs, int transactions, int round, long seenMs) {}

    private final Connection reader;
    private final PreparedStatement next;
    private final List<Seen> seen = new ArrayList<>();
    private long height;

    ChainWatch(Path database) throws SQLException {
        this.reader = GatewayDatabase.openReader(database);
        this.next = reader.prepareStatement("SELECT height, hash, timestamp_ms, tx_count, round FROM ledger_blocks"
                + " WHERE height > ? ORDER BY height");
    }

    /** Reads the blocks stored since the last poll, stamped {@code nowMs}. */
    synchronized void poll(long nowMs) throws SQLException {
        next.setLong(1, height);
        try (ResultSet r = next.executeQuery()) {
            while (r.next()) {
                Seen s = new Seen(r.getLong(1), r.getString(2), r.getLong(3), r.getInt(4), r.getInt(5), nowMs);
                seen.add(s);
                height = s.height();
            }
        }
    }

    /** A count over the same read-only connection (bills paid, transfers waiting): one connection per EAG. */
    synchronized long count(String sql) throws SQLException {
        try (PreparedStatement q = reader.prepareStatement(sql);
                ResultSet r = q.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    synchronized long height() {
        return height;
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    /**
     * Commit latency per block, as the in-JVM consortium bench measures it: from the moment this EAG may mine the
     * height (its commit of the height before, plus the block spacing every miner waits) to the moment the height is
     * stored. Only heights whose "may mine" moment is at or after {@code fromMs} count.
     */
    static List<Long> commitLatencies(List<Seen> seen, long spacingMs, long fromMs) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < seen.size(); i++) {
            Seen before = seen.get(i - 1);
            Seen s = seen.get(i);
            long mayMine = before.seenMs() + spacingMs;
            if (s.height() == before.height() + 1 && mayMine >= fromMs) {
                out.add(Math.max(0, s.seenMs() - mayMine));
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            next.close();
            reader.close();
        } catch (SQLException e) {
            // A reader only: nothing to lose.
        }
    }
}
