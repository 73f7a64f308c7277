package org.ebc.gateway.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tinylog.configuration.Configuration;
import org.tinylog.provider.ProviderRegistry;

/**
 * Sends the in-process gateway's log to a file in the bench directory, so that the terminal shows the
 * bench's summary; warnings and errors still appear on the terminal. Must be called before anything
 * logs (tinylog's configuration is fixed at the first log line).
 */
public final class BenchLogging {
    private BenchLogging() {}

    /** @return false if logging had already started (the gateway then logs to the terminal as usual) */
    public static boolean toFile(Path logFile) {
        Map<String, String> c = new HashMap<>();
        c.put("writer1", "file");
        c.put("writer1.file", logFile.toAbsolutePath().toString());
        c.put("writer1.level", "info");
        c.put("writer1.format", "{date:yyyy-MM-dd HH:mm:ss.SSS} {level|min-size=5} [{thread}] {message}");
        c.put("writer2", "console");
        c.put("writer2.stream", "out");
        c.put("writer2.level", "warn");
        c.put("writer2.format", "{date:HH:mm:ss} gateway {level}: {message}");
        c.put("level@com.hivemq", "warn");
        c.put("level@io.netty", "warn");
        c.put("level@jetbrains", "warn");
        return apply(c);
    }

    /** Only warnings and errors, to the terminal (for a command that prints figures). */
    public static boolean quiet() {
        Map<String, String> c = new HashMap<>();
        c.put("writer", "console");
        c.put("writer.stream", "err");
        c.put("writer.level", "warn");
        c.put("writer.format", "{date:HH:mm:ss} gateway {level}: {message}");
        return apply(c);
    }

    // Synchronous writers and our own shutdown: the bench flushes the last lines itself when it stops.
    private static boolean apply(Map<String, String> c) {
        c.put("writingthread", "false");
        c.put("autoshutdown", "false");
        try {
            Configuration.replace(c);
            return true;
        } catch (UnsupportedOperationException alreadyFrozen) {
            return false;
        }
    }

    /** Flushes and closes the log writers (the last lines of a stopping gateway are kept). */
    public static void shutdown() {
        try {
            ProviderRegistry.getLoggingProvider().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
