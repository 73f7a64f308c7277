package org.ebc.gateway.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens the gateway's one SQLite database ({@value #FILE_NAME} in the data directory) the way DESIGN §5
 * asks: WAL journal, {@code synchronous=FULL} (every commit is fsync'd before it returns, so an
 * acknowledged reading survives power loss), foreign keys on. Stateless; each call returns a new
 * connection owned by the caller (a JDBC connection is not to be shared between threads).
 */
public final class GatewayDatabase {
    public static final String FILE_NAME = "gateway.db";
    /** How long a connection waits for another one's write lock before failing with SQLITE_BUSY. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    private GatewayDatabase() {}

    public static Path file(Path dataDirectory) {
        return dataDirectory.resolve(FILE_NAME);
    }

    /**
     * A read-write connection. Transactions are deferred (sqlite-jdbc begins the next transaction right
     * after each commit; an immediate one would then hold the write lock between groups and starve the
     * account pool's connection). A writer that loses a race for the lock gets SQLITE_BUSY after
     * {@value #BUSY_TIMEOUT_MS} ms or at once if its snapshot is stale; the group commit writer retries.
     */
    public static Connection openWriter(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        return baseConfig().createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** A read-only connection; works while the gateway writes (WAL readers do not block the writer). */
    public static Connection openReader(Path file) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new SQLException("no gateway database at " + file.toAbsolutePath());
        }
        SQLiteConfig c = baseConfig();
        c.setReadOnly(true);
        c.resetOpenMode(SQLiteOpenMode.CREATE);
        return c.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** Opens a writer connection and brings the schema up to date. */
    public static Connection openMigrated(Path file) throws SQLException {
        Connection c = openWriter(file);
        try {
            new SchemaMigrator().migrate(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static SQLiteConfig baseConfig() {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.enforceForeignKeys(true);
        c.setBusyTimeout(BUSY_TIMEOUT_MS);
        return c;
    }
}
