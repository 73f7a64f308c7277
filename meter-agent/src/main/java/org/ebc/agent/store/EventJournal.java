package org.ebc.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Operator-visible events and running counters in the agent's file. The event table keeps the latest
 * {@value #KEPT_EVENTS} events (a meter that fails for a week must not fill the disk with the same line);
 * the counters keep the totals.
 *
 * <p>Stateless; called inside the caller's transaction on the agent thread.
 */
public final class EventJournal {
    static final int KEPT_EVENTS = 1000;

    private EventJournal() {}

    /** One stored event. */
    public record Entry(Instant at, String kind, String detail) {}

    public static void record(Connection c, Instant at, AgentEvent kind, String detail) throws SQLException {
        record(c, at, kind.name(), detail);
    }

    /** An event of a kind named elsewhere (the trader's {@code TradeEvent}). */
    static void record(Connection c, Instant at, String kind, String detail) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO events (at_ms, kind, detail) VALUES (?, ?, ?)")) {
            p.setLong(1, at.toEpochMilli());
            p.setString(2, kind);
            p.setString(3, detail);
            p.executeUpdate();
        }
        try (PreparedStatement p =
                c.prepareStatement("DELETE FROM events WHERE id <= (SELECT MAX(id) FROM events) - ?")) {
            p.setInt(1, KEPT_EVENTS);
            p.executeUpdate();
        }
    }

    public static void add(Connection c, Counter counter, long delta) throws SQLException {
        if (delta == 0) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value")) {
            p.setString(1, counter.key());
            p.setLong(2, delta);
            p.executeUpdate();
        }
    }

    public static Map<Counter, Long> counters(Connection c) throws SQLException {
        Map<Counter, Long> out = new EnumMap<>(Counter.class);
        for (Counter k : Counter.values()) {
            out.put(k, 0L);
        }
        try (PreparedStatement p = c.prepareStatement("SELECT name, value FROM counters");
                ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                for (Counter k : Counter.values()) {
                    if (k.key().equals(rs.getString(1))) {
                        out.put(k, rs.getLong(2));
                    }
                }
            }
        }
        return out;
    }

    /** The latest {@code limit} events, newest first. */
    public static List<Entry> latest(Connection c, int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement p =
                c.prepareStatement("SELECT at_ms, kind, detail FROM events ORDER BY id DESC LIMIT ?")) {
            p.setInt(1, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
