package org.ebc.gateway;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ebc.config.ConfigException;

/**
 * An exclusive lock on the data directory ({@code gateway.lock}), held while a gateway runs: two
 * gateways writing one database would acknowledge each other's readings and interleave their ack
 * sequences. Released on close, and by the operating system if the process dies.
 */
public final class DataDirectoryLock implements AutoCloseable {
    static final String FILE = "gateway.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws ConfigException naming {@code data.dir} if another gateway (or restore) holds it */
    public static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel ch = null;
        try {
            Files.createDirectories(dataDir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                throw new ConfigException(
                        GatewayConfig.DATA_DIR,
                        dataDir.toString(),
                        "another gateway is running on this data directory");
            }
            return new DataDirectoryLock(ch, l);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw new ConfigException(
                    GatewayConfig.DATA_DIR,
                    dataDir.toString(),
                    "another gateway in this process is running on this data directory");
        } catch (IOException e) {
            closeQuietly(ch);
            throw new ConfigException(
                    GatewayConfig.DATA_DIR,
                    dataDir.toString(),
                    "cannot create or lock " + file + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException ignored) {
            // Nothing to release beyond the channel itself.
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
