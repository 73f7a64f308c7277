package org.ebc.gateway.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import org.ebc.crypto.KeyDirectory;
import org.ebc.crypto.KeyFileException;
import org.ebc.gateway.storage.GatewayDatabase;
import org.sqlite.SQLiteConnection;

/**
 * A backup of a gateway ({@code eag-gateway backup}), taken while it runs:
 *
 * <pre>
 * OUT/                       mode 0700: it holds the EAG's private key
 *   gateway.db               the database, copied with SQLite's online backup API in one step, so it is one
 *                            consistent snapshot of the last committed transaction (the gateway keeps writing:
 *                            WAL readers do not block it); checked with PRAGMA integrity_check
 *   keys/                    eag.key (0600), eag.crt, ca.crt, crl.pem: the gateway's identity
 *   eag-gateway.properties   the configuration, if the backup was given one
 *   MANIFEST                 when, from where, readings, integrity
 * </pre>
 *
 * Stateless; each call opens its own read-only connection.
 */
public final class GatewayBackup {
    public static final String DATABASE = GatewayDatabase.FILE_NAME;
    public static final String KEYS = "keys";
    public static final String CONFIG = "eag-gateway.properties";
    public static final String MANIFEST = "MANIFEST";

    private GatewayBackup() {}

    /** What a backup holds. */
    public record Summary(Path directory, long readings, long nodes, String integrity, boolean keys) {}

    /**
     * @param config the configuration file to include, if any
     * @throws SQLException if the database cannot be read or the copy is damaged
     */
    public static Summary write(Path dataDir, Path keysDir, Optional<Path> config, Path out, Clock clock)
            throws SQLException {
        Path source = GatewayDatabase.file(dataDir);
        KeyDirectory.prepare(out);
        Path db = out.resolve(DATABASE);
        Path tmp = out.resolve(DATABASE + ".part");
        try {
            Files.deleteIfExists(tmp);
            // An empty file is an empty database to SQLite; made first so that the copy is never world-readable.
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new KeyFileException(tmp, "cannot create: " + e.getMessage(), e);
        }
        try (Connection c = GatewayDatabase.openReader(source)) {
            // All pages in one step (-1): one read transaction, so commits made meanwhile are either all in the
            // copy or not at all, and the step never restarts.
            c.unwrap(SQLiteConnection.class).getDatabase().backup("main", tmp.toString(), null, 100, 100, -1);
        }
        String integrity = integrity(tmp);
        if (!integrity.equals("ok")) {
            throw new SQLException("the copy of " + source + " is damaged (integrity_check: " + integrity + ")");
        }
        long[] counts = counts(tmp);
        try {
            Files.move(tmp, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            boolean keys = copyKeys(keysDir, out.resolve(KEYS));
            if (config.isPresent()) {
                Files.copy(config.get(), out.resolve(CONFIG), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(
                    out.resolve(MANIFEST),
                    "ebc gateway backup\ntaken " + clock.instant() + "\nfrom " + source.toAbsolutePath() + "\nreadings "
                            + counts[0] + "\nnodes " + counts[1] + "\nintegrity " + integrity + "\nkeys "
                            + (keys ? "included" : "not found in " + keysDir) + "\n");
            return new Summary(out, counts[0], counts[1], integrity, keys);
        } catch (IOException e) {
            throw new KeyFileException(out, "cannot write the backup: " + e.getMessage(), e);
        }
    }

    /** {@code PRAGMA integrity_check} of a database file: "ok", or the first problem it reports. */
    public static String integrity(Path file) throws SQLException {
        try (Connection c = GatewayDatabase.openReader(file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "no answer";
        }
    }

    /** Readings and nodes in a database file. */
    static long[] counts(Path file) throws SQLException {
        try (Connection c = GatewayDatabase.openReader(file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM readings), (SELECT COUNT(*) FROM nodes)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static boolean copyKeys(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return false;
        }
        KeyDirectory.prepare(to);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    Files.copy(
                            f,
                            to.resolve(f.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return Files.exists(to.resolve("eag.key"));
    }
}
