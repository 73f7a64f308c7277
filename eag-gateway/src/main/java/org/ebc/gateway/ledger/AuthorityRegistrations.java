package org.ebc.gateway.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.tinylog.Logger;

/**
 * The registrations source of a gateway that reads the authority's directory ({@code authority.dir}): the
 * authority's {@code registrations.ebc} is offered to the {@link RegistrationFeed} when it changes (checked every
 * second), and so reaches every EAG over the consortium topics within seconds of an {@code authority} command.
 */
final class AuthorityRegistrations implements AutoCloseable {
    private final Path file;
    private final RegistrationFeed feed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ebc-registrations");
        t.setDaemon(true);
        return t;
    });
    private @Nullable List<Object> seen;

    AuthorityRegistrations(Path file, RegistrationFeed feed) {
        this.file = file;
        this.feed = feed;
    }

    /** Offers the file if it changed since the last look. */
    synchronized void check() {
        List<Object> stamp;
        byte[] raw;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = List.of(a.size(), a.lastModifiedTime(), Objects.requireNonNullElse(a.fileKey(), ""));
            if (stamp.equals(seen)) {
                return;
            }
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            Logger.warn("registrations: cannot read {}: {}", file, e.getMessage());
            return;
        }
        seen = stamp;
        feed.offer(raw, "the authority's directory");
    }

    void start() {
        var unused = timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        check();
                    } catch (RuntimeException e) {
                        Logger.error(e, "registrations: checking {} failed", file);
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
