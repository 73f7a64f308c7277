package org.ebc.gateway.account;

import java.util.concurrent.atomic.AtomicReference;
import org.ebc.crypto.RevocationList;

/**
 * The authority's current revocation list and a generation number that rises each time it is replaced,
 * so that caches of certificate checks know when to look again. Thread-safe; lock-free reads.
 */
public final class Revocations {
    private record Snapshot(RevocationList list, long generation) {}

    private final AtomicReference<Snapshot> current;

    public Revocations(RevocationList initial) {
        this.current = new AtomicReference<>(new Snapshot(initial, 0));
    }

    public RevocationList current() {
        return current.get().list();
    }

    public long generation() {
        return current.get().generation();
    }

    public void replace(RevocationList list) {
        current.updateAndGet(s -> new Snapshot(list, s.generation() + 1));
    }
}
