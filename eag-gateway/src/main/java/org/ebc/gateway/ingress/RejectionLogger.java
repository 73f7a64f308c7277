package org.ebc.gateway.ingress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebc.gateway.verify.Rejection;
import org.tinylog.Logger;

/**
 * Writes one log line per rejection, naming the sender, the reason and the detail, without a stack
 * trace, and without flooding: after a line for a (sender, reason) pair, identical ones are only counted
 * for {@link #WINDOW}; the next line after that says how many were suppressed. At most
 * {@value #MAX_SENDERS} senders are tracked apiece; beyond that (someone inventing node ids) they share
 * one entry per reason.
 *
 * <p>Thread-safe (synchronized); called from the writer's listener.
 */
public final class RejectionLogger {
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final int MAX_SENDERS = 1_000;

    private record Key(String sender, String reason) {}

    private static final class Window {
        Instant start;
        long suppressed;
    }

    private final Clock clock;
    private final Map<Key, Window> windows = new LinkedHashMap<>();

    public RejectionLogger(Clock clock) {
        this.clock = clock;
    }

    /** @return the line written, or null when it was suppressed (for tests) */
    public synchronized String log(Rejection r) {
        return log(
                r.senderText(),
                r.reason().name(),
                r.page() == null ? "" : " page T" + r.page(),
                r.detail(),
                r.digest().isEmpty() ? "" : r.digest());
    }

    /**
     * One refusal of any message: {@code what} names it after the sender (e.g. {@code " order 7"}), may be empty.
     *
     * @return the line written, or null when it was suppressed
     */
    public synchronized String log(String senderText, String reason, String what, String detail, String digest) {
        Instant now = clock.instant();
        String sender = senderText;
        Key key = new Key(sender, reason);
        if (!windows.containsKey(key) && windows.size() >= MAX_SENDERS) {
            windows.values().removeIf(old -> old.suppressed == 0 && !now.isBefore(old.start.plus(WINDOW)));
        }
        if (!windows.containsKey(key) && windows.size() >= MAX_SENDERS) {
            key = new Key("(many senders)", reason);
            sender = "one of many senders";
        }
        Window w = windows.get(key);
        if (w != null && now.isBefore(w.start.plus(WINDOW))) {
            w.suppressed++;
            return null;
        }
        long suppressed = w == null ? 0 : w.suppressed;
        if (w == null) {
            w = new Window();
            windows.put(key, w);
        }
        w.start = now;
        w.suppressed = 0;
        String line = "rejected from " + sender + what + ": " + reason + ": " + detail
                + (digest.isEmpty() ? "" : " [sha256 " + digest + "]")
                + (suppressed == 0
                        ? ""
                        : " (" + suppressed + " more like it in the last " + WINDOW.toSeconds() + " s not logged)");
        Logger.warn(line);
        return line;
    }

    /** Logs what is still suppressed (at shutdown), so no count is lost from the log. */
    public synchronized void flush() {
        for (Map.Entry<Key, Window> e : windows.entrySet()) {
            if (e.getValue().suppressed > 0) {
                Logger.warn(
                        "rejected from {}: {} ({} more not logged)",
                        e.getKey().sender(),
                        e.getKey().reason(),
                        e.getValue().suppressed);
            }
        }
        windows.clear();
    }
}
