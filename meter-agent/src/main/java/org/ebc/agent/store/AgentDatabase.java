package org.ebc.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The agent's SQLite file: energy registers, page counter, outbox, quarantine, events, and (schema version 2)
 * what the trader keeps: orders, bills, wallets, co-signatures ({@link SqliteTradeLedger}). WAL journal and
 * {@code synchronous=FULL}: a committed transaction is on disk (fsync'd) before {@link #inTransaction}
 * returns, so it survives {@code kill -9} and power loss. The schema is versioned with
 * {@code PRAGMA user_version} and migrated forward at open; a file from a newer agent is refused.
 *
 * <p>Not thread-safe: one agent thread owns the connection. Other processes ({@code meter-agent status})
 * open their own read-only connection, which WAL lets them do while the agent writes.
 */
public final class AgentDatabase implements AutoCloseable {
    /** Schema migrations, index = version − 1. Never edit a shipped one; append. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    """
        CREATE TABLE meter_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            node_id TEXT NOT NULL,
            meter_serial TEXT NOT NULL,
            next_page INTEGER NOT NULL CHECK (next_page >= 1),
            import_wh INTEGER NOT NULL CHECK (import_wh >= 0),
            export_wh INTEGER NOT NULL CHECK (export_wh >= 0),
            updated_ms INTEGER NOT NULL)""",
                    // Defence in depth behind the Java checks: the file itself refuses to move a register or the page
                    // counter backwards, whatever code path tries.
                    """
        CREATE TRIGGER meter_state_never_backwards BEFORE UPDATE ON meter_state
        WHEN NEW.next_page < OLD.next_page OR NEW.import_wh < OLD.import_wh OR NEW.export_wh < OLD.export_wh
        BEGIN SELECT RAISE(ABORT, 'registers and page counter never go backwards'); END""",
                    """
        CREATE TABLE outbox (
            page INTEGER PRIMARY KEY,
            record BLOB NOT NULL,
            read_ms INTEGER NOT NULL,
            tx TEXT NOT NULL,
            status TEXT NOT NULL,
            import_wh INTEGER NOT NULL,
            export_wh INTEGER NOT NULL)""",
                    // A small index so that COUNT(*) (status) need not read every record blob.
                    "CREATE INDEX outbox_by_read_time ON outbox (read_ms)",
                    """
        CREATE TABLE quarantine (
            page INTEGER PRIMARY KEY,
            record BLOB NOT NULL,
            read_ms INTEGER NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            quarantined_ms INTEGER NOT NULL)""",
                    """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at_ms INTEGER NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL)""",
                    "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
                    """
        CREATE TABLE link (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            broker_state TEXT NOT NULL,
            broker_since_ms INTEGER NOT NULL,
            last_acked_page INTEGER NOT NULL,
            last_ack_ms INTEGER NOT NULL,
            eag_certificate TEXT,
            pid INTEGER NOT NULL)"""),
            TradeSchema.V2,
            TradeSchema.V3);

    public static final int SCHEMA_VERSION = MIGRATIONS.size();

    private final Connection connection;
    private final Path file;

    private AgentDatabase(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if needed) the file for the agent and migrates its schema. */
    public static AgentDatabase open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory for " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        AgentDatabase db = new AgentDatabase(connect(file, config), file);
        db.migrate();
        return db;
    }

    /** Opens an existing file read-only; fails if there is none or the agent has not created its schema yet. */
    public static AgentDatabase openReadOnly(Path file) {
        return openReadOnlyIfStarted(file)
                .orElseThrow(() -> new StoreException(
                        "no agent database at " + file + " yet (has the agent run with this data.dir?)", null));
    }

    /**
     * Opens another process's file read-only (the status command, tests and benches watching a running agent),
     * or empty while there is nothing to read: no file yet, or a file whose schema the agent has not created
     * yet (it creates the file, then migrates it in its own transactions, so a reader can come in between).
     * Each migration commits at once, so a reader sees a whole schema version or none of it; {@link
     * #schemaVersion} says which.
     *
     * @throws StoreException if the file is not an agent database or comes from a newer agent
     */
    public static Optional<AgentDatabase> openReadOnlyIfStarted(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        AgentDatabase db = new AgentDatabase(connect(file, config), file);
        int version;
        try {
            version = db.userVersion();
        } catch (StoreException e) {
            db.close();
            throw e;
        }
        if (version == 0) {
            db.close();
            return Optional.empty();
        }
        if (version > SCHEMA_VERSION) {
            db.close();
            throw new StoreException(
                    file + " has schema version " + version + ", newer than this agent's " + SCHEMA_VERSION, null);
        }
        return Optional.of(db);
    }

    /** The file's schema version ({@code PRAGMA user_version}); 0 before the agent created its tables. */
    public int schemaVersion() {
        return userVersion();
    }

    private static Connection connect(Path file, SQLiteConfig config) {
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits (fsync'd); rolls back and throws
     * {@link StoreException} if anything in it fails.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(file + ": " + e.getMessage(), e);
        }
    }

    /** Runs read-only work outside an explicit transaction. */
    public <T> T read(SqlWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(file + ": " + e.getMessage(), e);
        }
    }

    private void migrate() {
        int version = userVersion();
        if (version > SCHEMA_VERSION) {
            close();
            throw new StoreException(
                    file + " has schema version " + version + ", newer than this agent's " + SCHEMA_VERSION
                            + "; refusing to touch it (downgrade the data, not the agent)",
                    null);
        }
        for (int v = version; v < SCHEMA_VERSION; v++) {
            int target = v + 1;
            List<String> steps = MIGRATIONS.get(v);
            inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : steps) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + target);
                }
                return null;
            });
        }
    }

    int userVersion() {
        return read(c -> {
            try (Statement s = c.createStatement();
                    var rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
