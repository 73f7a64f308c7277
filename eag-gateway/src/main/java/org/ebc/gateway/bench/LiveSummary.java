package org.ebc.gateway.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ebc.gateway.GatewayStats;

/**
 * The bench's summary line, printed every few seconds: how many meters are online, the rate and total
 * of readings stored, rejections by reason, gap events, the agents' outboxes, and the broker's state.
 * Gateway figures come from the running gateway's counters, agent figures from the agents' status
 * messages. Not thread-safe: one printing thread uses it.
 */
public final class LiveSummary {
    private final int meters;
    private final Instant started;
    private long lastStored = -1;
    private Instant lastAt;

    public LiveSummary(int meters, Instant started) {
        this.meters = meters;
        this.started = started;
    }

    /**
     * One line for this moment.
     *
     * @param online meters whose agent reported recently and is connected to the broker
     */
    public String line(GatewayStats g, Collection<MeterStatus> statuses, int online, String brokerUri) {
        double rate = 0;
        if (lastStored >= 0 && g.at().isAfter(lastAt)) {
            rate = (g.readingsStored() - lastStored)
                    * 1000.0
                    / Duration.between(lastAt, g.at()).toMillis();
        }
        lastStored = g.readingsStored();
        lastAt = g.at();
        long outbox = statuses.stream().mapToLong(MeterStatus::outbox).sum();
        long inFlight = statuses.stream().mapToLong(MeterStatus::inFlight).sum();
        long full = statuses.stream().filter(MeterStatus::outboxFull).count();
        Optional<MeterStatus> deepest =
                statuses.stream().filter(s -> s.outbox() > 0).max(Comparator.comparingLong(MeterStatus::outbox));
        return String.format(
                "[%s] meters online %d/%d | %.1f readings/s | stored %d | rejected %s | gap events %d | outboxes %d%s, in flight %d%s"
                        + " | broker %s, gateway %s",
                elapsed(g.at()),
                online,
                meters,
                rate,
                g.readingsStored(),
                rejected(g.rejectedByReason()),
                g.gapEventsOpened(),
                outbox,
                deepest.map(s -> " (max " + s.outbox() + " at " + s.node() + ")")
                        .orElse(""),
                inFlight,
                full > 0 ? ", " + full + " FULL" : "",
                brokerUri,
                g.connected() ? "subscribed" : "NOT CONNECTED");
    }

    /** Rejections as {@code 0} or {@code 3 (BAD_SIGNATURE 2, REPLAY 1)}. */
    static String rejected(Map<?, Long> byReason) {
        long total = byReason.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "0";
        }
        return total + " ("
                + byReason.entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.comparingByKey(Comparator.comparing(Object::toString)))
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private String elapsed(Instant now) {
        long s = Math.max(0, Duration.between(started, now).toSeconds());
        return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
