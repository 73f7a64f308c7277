package org.ebc.gateway.consensus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebc.consensus.RoundMessage;
import org.ebc.consensus.Signed;

/**
 * Verified messages of the next height, kept until this EAG gets there (an EAG that commits a moment
 * later than its peers would otherwise lose their first votes of the next height). One per sender, kind
 * and round, of the first {@value #ROUNDS} rounds only (so one EAG cannot fill the buffer by varying the
 * round); bounded; messages further ahead are not kept (this EAG catches up instead).
 */
final class FutureMessages {
    static final int ROUNDS = 4;

    private final int capacity;
    private final Map<String, Signed<?>> kept = new LinkedHashMap<>();

    FutureMessages(int capacity) {
        this.capacity = capacity;
    }

    void offer(long currentHeight, Signed<?> message, RoundMessage payload) {
        if (payload.height() != currentHeight + 1 || payload.round() >= ROUNDS || kept.size() >= capacity) {
            return;
        }
        kept.putIfAbsent(payload.kind() + "|" + payload.from() + "|" + payload.round(), message);
    }

    /** The messages of {@code height}, in arrival order; older ones are dropped. */
    List<Signed<?>> takeFor(long height) {
        List<Signed<?>> out = new ArrayList<>();
        for (Signed<?> m : kept.values()) {
            if (((RoundMessage) m.payload()).height() == height) {
                out.add(m);
            }
        }
        kept.values().removeIf(m -> ((RoundMessage) m.payload()).height() <= height);
        return out;
    }
}
