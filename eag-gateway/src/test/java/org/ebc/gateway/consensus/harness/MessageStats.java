package org.ebc.gateway.consensus.harness;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.ebc.consensus.MessageKind;
import org.ebc.units.EagId;

/**
 * Counts of consensus traffic by kind: publications (one per broadcast or send, what an EAG hands its
 * broker) and deliveries (what the EAGs receive; a broadcast to {@code n−1} peers is {@code n−1}).
 */
public final class MessageStats {
    private final Map<MessageKind, Long> published = new EnumMap<>(MessageKind.class);
    private final Map<MessageKind, Long> delivered = new EnumMap<>(MessageKind.class);
    private final Map<MessageKind, Long> deliveredBytes = new EnumMap<>(MessageKind.class);
    private final Map<String, Long> publishedBy = new HashMap<>();
    private long dropped;

    void countPublished(EagId from, MessageKind kind) {
        published.merge(kind, 1L, Long::sum);
        publishedBy.merge(from + "|" + kind, 1L, Long::sum);
    }

    /** Publications of {@code kind} by {@code from}. */
    public long publishedBy(EagId from, MessageKind kind) {
        return publishedBy.getOrDefault(from + "|" + kind, 0L);
    }

    private final Map<String, Long> deliveredAt = new HashMap<>();

    void countDelivered(MessageKind kind, int bytes, long height) {
        delivered.merge(kind, 1L, Long::sum);
        deliveredBytes.merge(kind, (long) bytes, Long::sum);
        deliveredAt.merge(kind + "|" + height, 1L, Long::sum);
        deliveredAt.merge("bytes|" + kind + "|" + height, (long) bytes, Long::sum);
    }

    /** Deliveries of {@code kind} whose message is about {@code height} (its {@code h}). */
    public long deliveredAt(MessageKind kind, long height) {
        return deliveredAt.getOrDefault(kind + "|" + height, 0L);
    }

    public long deliveredBytesAt(MessageKind kind, long height) {
        return deliveredAt.getOrDefault("bytes|" + kind + "|" + height, 0L);
    }

    void countDropped() {
        dropped++;
    }

    public long published(MessageKind kind) {
        return published.getOrDefault(kind, 0L);
    }

    public long delivered(MessageKind kind) {
        return delivered.getOrDefault(kind, 0L);
    }

    public long deliveredBytes(MessageKind kind) {
        return deliveredBytes.getOrDefault(kind, 0L);
    }

    public long publishedTotal() {
        return published.values().stream().mapToLong(Long::longValue).sum();
    }

    public long deliveredTotal() {
        return delivered.values().stream().mapToLong(Long::longValue).sum();
    }

    public long deliveredBytesTotal() {
        return deliveredBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long dropped() {
        return dropped;
    }

    public void reset() {
        published.clear();
        delivered.clear();
        deliveredBytes.clear();
        publishedBy.clear();
        deliveredAt.clear();
        dropped = 0;
    }
}
