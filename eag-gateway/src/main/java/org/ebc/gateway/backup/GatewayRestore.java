package org.ebc.gateway.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import org.ebc.config.ConfigException;
import org.ebc.crypto.DirectoryOwner;
import org.ebc.crypto.KeyDirectory;
import org.ebc.crypto.KeyFileException;
import org.ebc.gateway.DataDirectoryLock;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.storage.GatewayDatabase;

/**
 * Puts a backup ({@link GatewayBackup}) in place for a gateway that does not run ({@code eag-gateway restore}):
 * takes the data directory's lock (so a running gateway makes it refuse), checks the backup's integrity, and
 * copies the database and, where the keys directory has none, the EAG's keys. An existing database is kept
 * as {@code gateway.db.before-restore} only with {@code replace}, else the restore refuses. Written by root,
 * everything is given to the data directory's owner ({@code ebc-eag}). Stateless.
 */
public final class GatewayRestore {
    private GatewayRestore() {}

    /** What a restore did. */
    public record Summary(Path database, long readings, boolean keysRestored) {}

    public static Summary restore(Path backup, Path dataDir, Path keysDir, boolean replace, Clock clock)
            throws SQLException {
        Path source = backup.resolve(GatewayBackup.DATABASE);
        if (!Files.isRegularFile(source)) {
            throw new ConfigException("--from", backup.toString(), "holds no " + GatewayBackup.DATABASE);
        }
        String integrity = GatewayBackup.integrity(source);
        if (!integrity.equals("ok")) {
            throw new SQLException(source + " is damaged (integrity_check: " + integrity + "); not restored");
        }
        long readings = GatewayBackup.counts(source)[0];
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        try (lock) {
            // Held until the files are in place: a gateway started meanwhile would open a half-restored directory.
            DirectoryOwner.adopt(dataDir.resolve("gateway.lock"));
            Path db = GatewayDatabase.file(dataDir);
            if (Files.exists(db)) {
                if (!replace) {
                    throw new ConfigException(
                            GatewayConfig.DATA_DIR,
                            dataDir.toString(),
                            "already holds " + db.getFileName() + "; give --replace to keep it as " + db.getFileName()
                                    + ".before-restore and restore over it");
                }
                Files.move(
                        db,
                        db.resolveSibling(db.getFileName() + ".before-restore"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            // A WAL or shared-memory file left by another database would be applied to this one.
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
            }
            Path tmp = db.resolveSibling(db.getFileName() + ".restoring");
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            DirectoryOwner.adopt(tmp);
            Files.move(tmp, db, StandardCopyOption.ATOMIC_MOVE);
            boolean keys = restoreKeys(backup.resolve(GatewayBackup.KEYS), keysDir);
            return new Summary(db, readings, keys);
        } catch (IOException e) {
            throw new KeyFileException(dataDir, "cannot restore: " + e.getMessage(), e);
        }
    }

    private static boolean restoreKeys(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from) || Files.exists(to.resolve("eag.key"))) {
            return false;
        }
        KeyDirectory.prepare(to);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path f : files) {
                Path target = to.resolve(f.getFileName());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                DirectoryOwner.adopt(target);
            }
        }
        return true;
    }
}
