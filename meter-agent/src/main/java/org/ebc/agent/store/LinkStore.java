package org.ebc.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent's view of its link to the gateway, kept in the file so that {@code meter-agent status} (another
 * process) can show it: broker state and since when, the last acknowledgement, the process id, and the
 * last accepted EAG certificate (re-validated at every start before it is trusted again).
 *
 * <p>Stateless; called on the agent thread.
 */
public final class LinkStore {
    private LinkStore() {}

    /** The link row. */
    public record Link(
            String brokerState,
            Instant brokerSince,
            long lastAckedPage,
            Instant lastAck,
            Optional<String> eagCertificate,
            long pid) {}

    /** Records that this process (pid) now runs the agent; the broker is not connected yet. */
    public static void started(AgentDatabase db, long pid, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO link (id, broker_state, broker_since_ms, last_acked_page, last_ack_ms, pid) VALUES (1, 'starting', ?, 0, 0, ?) "
                            + "ON CONFLICT (id) DO UPDATE SET broker_state = 'starting', broker_since_ms = excluded.broker_since_ms, pid = excluded.pid")) {
                p.setLong(1, now.toEpochMilli());
                p.setLong(2, pid);
                p.executeUpdate();
            }
            return null;
        });
    }

    public static void brokerState(AgentDatabase db, String state, Instant now) {
        db.inTransaction(c -> {
            try (PreparedStatement p =
                    c.prepareStatement("UPDATE link SET broker_state = ?, broker_since_ms = ? WHERE id = 1")) {
                p.setString(1, state);
                p.setLong(2, now.toEpochMilli());
                p.executeUpdate();
            }
            return null;
        });
    }

    public static void eagCertificate(AgentDatabase db, String pem) {
        db.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE link SET eag_certificate = ? WHERE id = 1")) {
                p.setString(1, pem);
                p.executeUpdate();
            }
            return null;
        });
    }

    static void recordAck(Connection c, long highestCommitted, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE link SET last_acked_page = MAX(last_acked_page, ?), last_ack_ms = ? WHERE id = 1")) {
            p.setLong(1, highestCommitted);
            p.setLong(2, now.toEpochMilli());
            p.executeUpdate();
        }
    }

    public static Optional<Link> load(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                        "SELECT broker_state, broker_since_ms, last_acked_page, last_ack_ms, eag_certificate, pid FROM link WHERE id = 1");
                ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Link(
                    rs.getString(1),
                    Instant.ofEpochMilli(rs.getLong(2)),
                    rs.getLong(3),
                    Instant.ofEpochMilli(rs.getLong(4)),
                    Optional.ofNullable(rs.getString(5)),
                    rs.getLong(6)));
        }
    }
}
