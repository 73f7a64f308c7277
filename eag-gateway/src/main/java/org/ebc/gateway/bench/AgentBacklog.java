package org.ebc.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * What an agent's SQLite file ({@code agent.db}) still holds for the gateway, read directly and
 * read-only, as {@code meter-agent status} does (its tables {@code meter_state}, {@code outbox} and
 * the quarantine table): the bench's final summary and the end-to-end tests check that nothing is left
 * undelivered without starting a JVM per agent.
 *
 * @param lastSignedPage the last page the agent signed (0 if none)
 * @param outbox records not yet acknowledged as committed
 * @param quarantined records the gateway rejected
 * @param outboxPages the pages of the records in the outbox, ascending
 */
public record AgentBacklog(long lastSignedPage, long outbox, long quarantined, List<Long> outboxPages) {

    public AgentBacklog {
        outboxPages = List.copyOf(outboxPages);
    }

    /**
     * Reads another process's agent database, read-only. Empty while that agent has not started yet: the file
     * does not exist, or the agent has not created its tables (it creates the file first, then its schema, so
     * a reader can see the file before the tables).
     *
     * @throws SQLException if the file cannot be read, or its schema is there but not an agent's
     */
    public static Optional<AgentBacklog> read(Path agentDatabase) throws SQLException {
        if (!Files.isRegularFile(agentDatabase)) {
            return Optional.empty();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + agentDatabase.toAbsolutePath())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (single(
                                s,
                                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('meter_state', 'outbox', 'quarantine')")
                        < 3) {
                    return Optional.empty();
                }
                long last = single(s, "SELECT next_page - 1 FROM meter_state WHERE id = 1");
                long outbox = single(s, "SELECT COUNT(*) FROM outbox");
                long quarantined = single(s, "SELECT COUNT(*) FROM quarantine");
                List<Long> pages = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT page FROM outbox ORDER BY page")) {
                    while (rs.next()) {
                        pages.add(rs.getLong(1));
                    }
                }
                return Optional.of(new AgentBacklog(last, outbox, quarantined, pages));
            } finally {
                c.rollback();
            }
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
