package org.ebc.agent.delivery;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebc.agent.config.AgentConfig;
import org.ebc.agent.store.Outbox;
import org.ebc.wire.Ack;
import org.tinylog.Logger;

/**
 * The outbox records published and not yet acknowledged: at most {@code outbox.window} of them, published in
 * page order from a cursor; one not acknowledged within {@code outbox.ack-timeout} is published again, the
 * timeout doubling per attempt up to 16×; on the gateway's request (a gap after a gateway crash) named pages
 * are published again at once. Ack timeouts use the monotonic {@link System#nanoTime()}: they are about the
 * network, not the wall clock.
 *
 * <p>Not thread-safe: the courier uses it on the agent thread.
 */
final class PublishWindow {
    private static final int MAX_BACKOFF_DOUBLINGS = 4;
    /** Most pages one resend request publishes again (a request names at most 100 ranges). */
    static final int MAX_RESEND_PAGES = 1000;

    private final AgentConfig config;
    private final Outbox outbox;
    private final BrokerLink link;
    private final String readingTopic;
    private final TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    private long cursor;
    private long republished;

    /** How a resend request went: pages published again, and pages asked for that the outbox no longer holds. */
    record Resent(int published, long gone) {}

    private static final class InFlight {
        final byte[] record;
        long sentNanos;
        int attempts;

        InFlight(byte[] record, long sentNanos) {
            this.record = record;
            this.sentNanos = sentNanos;
            this.attempts = 1;
        }
    }

    PublishWindow(AgentConfig config, Outbox outbox, BrokerLink link, String readingTopic) {
        this.config = config;
        this.outbox = outbox;
        this.link = link;
        this.readingTopic = readingTopic;
    }

    int size() {
        return inFlight.size();
    }

    long republished() {
        return republished;
    }

    /** A new connection: everything unacknowledged goes out again from the lowest page, in page order. */
    void restart() {
        inFlight.clear();
        cursor = outbox.firstPage(); // 0 when empty: whatever comes next is new
        fill();
    }

    /** The connection is gone: nothing is in flight any more. */
    void clear() {
        inFlight.clear();
    }

    /** Publishes from the cursor until the window is full or the outbox has nothing more. */
    void fill() {
        while (link.isConnected() && inFlight.size() < config.window()) {
            List<Outbox.Entry> batch = outbox.from(cursor, config.window() - inFlight.size());
            if (batch.isEmpty()) {
                return;
            }
            for (Outbox.Entry e : batch) {
                if (!link.publish(readingTopic, e.record(), 1, false)) {
                    return;
                }
                inFlight.put(e.page(), new InFlight(e.record(), System.nanoTime()));
                cursor = e.page() + 1;
            }
        }
    }

    void republishOverdue() {
        if (!link.isConnected() || inFlight.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        long base = config.ackTimeout().toNanos();
        for (Map.Entry<Long, InFlight> e : inFlight.entrySet()) {
            InFlight f = e.getValue();
            long timeout = base << Math.min(f.attempts - 1, MAX_BACKOFF_DOUBLINGS);
            if (now - f.sentNanos >= timeout) {
                if (!link.publish(readingTopic, f.record, 1, false)) {
                    break;
                }
                f.sentNanos = now;
                f.attempts++;
                republished++;
                Logger.debug(
                        "node={} page {} not acknowledged after {} ms; published again (attempt {})",
                        config.node(),
                        e.getKey(),
                        timeout / 1_000_000,
                        f.attempts);
            }
        }
        fill();
    }

    /** Pages the gateway has decided on (committed or rejected) are no longer in flight. */
    void acknowledged(Ack ack) {
        for (Ack.PageRange r : ack.committed()) {
            inFlight.subMap(r.first(), true, r.last(), true).clear();
        }
        for (Ack.Rejection r : ack.rejected()) {
            inFlight.remove(r.page());
        }
        fill();
    }

    /**
     * Publishes the named pages again at once, if they are still in the outbox and were published before
     * (pages at or past the cursor go out in order anyway). Their ack timeout starts again.
     */
    Resent resend(List<Ack.PageRange> pages) {
        int sent = 0;
        long asked = 0;
        long now = System.nanoTime();
        for (Ack.PageRange r : pages) {
            long last = Math.min(r.last(), cursor - 1);
            if (last < r.first() || sent >= MAX_RESEND_PAGES) {
                continue;
            }
            asked += last - r.first() + 1;
            int max = (int) Math.min(last - r.first() + 1, MAX_RESEND_PAGES - sent);
            for (Outbox.Entry entry : outbox.from(r.first(), max)) {
                if (entry.page() > last || !link.publish(readingTopic, entry.record(), 1, false)) {
                    break;
                }
                InFlight f = inFlight.get(entry.page());
                if (f == null) {
                    inFlight.put(entry.page(), new InFlight(entry.record(), now));
                } else {
                    f.sentNanos = now;
                }
                sent++;
            }
        }
        republished += sent;
        return new Resent(sent, Math.max(0, asked - sent));
    }
}
