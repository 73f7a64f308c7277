package org.ebc.gateway.consensus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.RoundMessage;
import org.ebc.consensus.Signed;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * The votes of one kind received at one height: at most one per EAG per round, the first one kept. A
 * second, different one is the caller's evidence. Insertion order is kept (round 0 follows the first
 * valid proposal seen). Not thread-safe.
 */
final class RoundVotes<T extends RoundMessage> {
    private final TreeMap<Integer, LinkedHashMap<EagId, Signed<T>>> byRound = new TreeMap<>();

    /** Stores {@code vote} unless its sender already voted in its round; returns that earlier vote, if any. */
    @Nullable
    Signed<T> putIfAbsent(Signed<T> vote) {
        return byRound.computeIfAbsent(vote.payload().round(), r -> new LinkedHashMap<>())
                .putIfAbsent(vote.from(), vote);
    }

    @Nullable
    Signed<T> get(int round, EagId from) {
        Map<EagId, Signed<T>> r = byRound.get(round);
        return r == null ? null : r.get(from);
    }

    /** The votes of {@code round} in arrival order. */
    Map<EagId, Signed<T>> inRound(int round) {
        Map<EagId, Signed<T>> r = byRound.get(round);
        return r == null ? Map.of() : Collections.unmodifiableMap(r);
    }

    /** The votes of {@code round} that name {@code block} (null: nil audits). */
    List<Signed<T>> naming(int round, @Nullable BlockHash block) {
        List<Signed<T>> out = new ArrayList<>();
        for (Signed<T> v : inRound(round).values()) {
            if (Objects.equals(v.payload().block(), block)) {
                out.add(v);
            }
        }
        return out;
    }

    /** How many votes of {@code round} name each block (nil not counted). */
    Map<BlockHash, Integer> tally(int round) {
        Map<BlockHash, Integer> out = new LinkedHashMap<>();
        for (Signed<T> v : inRound(round).values()) {
            BlockHash b = v.payload().block();
            if (b != null) {
                out.merge(b, 1, Integer::sum);
            }
        }
        return out;
    }

    NavigableSet<Integer> rounds() {
        return byRound.navigableKeySet();
    }
}
