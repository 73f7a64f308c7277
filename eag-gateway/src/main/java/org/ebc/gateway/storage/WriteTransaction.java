package org.ebc.gateway.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A write transaction that takes the database's write lock when it begins ({@code BEGIN IMMEDIATE}), on a
 * connection in auto-commit mode.
 *
 * <p>Several connections write the gateway's file (the reading writer, the transaction server, the payments, the
 * account pool). A deferred transaction that reads first and writes later fails at its first write, at once and
 * whatever the busy timeout, when another connection committed in between (SQLITE_BUSY_SNAPSHOT): its reads
 * might be stale. Taking the lock first means waiting (up to the busy timeout) for the other writer to finish,
 * then reading the newest data, so a unit of work never fails for having overlapped another. sqlite-jdbc's own
 * transactions (auto-commit off) cannot do this: it begins the next transaction right after each commit, so an
 * immediate one would hold the lock between units of work and starve every other writer.
 */
public final class WriteTransaction {
    private WriteTransaction() {}

    /** Begins; waits up to the connection's busy timeout for the write lock. */
    public static void begin(Connection c) throws SQLException {
        exec(c, "BEGIN IMMEDIATE");
    }

    public static void commit(Connection c) throws SQLException {
        exec(c, "COMMIT");
    }

    /** Rolls back if a transaction is open; never throws (the connection may be in any state after a failure). */
    public static void rollback(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                return;
            }
            exec(c, "ROLLBACK");
        } catch (SQLException e) {
            // "no transaction is active": the failure came before BEGIN, or SQLite rolled back by itself.
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
