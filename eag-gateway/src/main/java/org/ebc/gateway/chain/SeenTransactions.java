package org.ebc.gateway.chain;

import java.util.Arrays;
import java.util.Collection;
import org.ebc.ledger.Sha256Hash;

/**
 * The set of transaction ids on a chain, persistent: {@link #plus} returns a new set and leaves this one
 * unchanged, sharing everything the additions did not touch. Without that, folding a chain would copy every
 * id ever seen once per block. Ids are uniform (SHA-256), so a fixed two-level table of 256 × 256 buckets
 * (by the first two bytes of the id) stays balanced: adding a block's k ids copies the top table, at most
 * k second-level tables and k small sorted buckets. Immutable and thread-safe.
 */
final class SeenTransactions {
    private static final Sha256Hash[] NO_IDS = new Sha256Hash[0];
    private static final Sha256Hash[][] NO_BUCKETS = filled(new Sha256Hash[256][], NO_IDS);
    static final SeenTransactions EMPTY = new SeenTransactions(filled(new Sha256Hash[256][][], NO_BUCKETS), 0);

    private final Sha256Hash[][][] table;
    private final long size;

    private SeenTransactions(Sha256Hash[][][] table, long size) {
        this.table = table;
        this.size = size;
    }

    private static <T> T[] filled(T[] array, T value) {
        Arrays.fill(array, value);
        return array;
    }

    /** The id's first byte ({@link Sha256Hash#hashCode} is its first four bytes, big-endian). */
    private static int first(Sha256Hash id) {
        return id.hashCode() >>> 24;
    }

    private static int second(Sha256Hash id) {
        return (id.hashCode() >>> 16) & 0xFF;
    }

    boolean contains(Sha256Hash id) {
        return Arrays.binarySearch(table[first(id)][second(id)], id) >= 0;
    }

    long size() {
        return size;
    }

    /** This set with {@code ids} added (ids already present are ignored). */
    SeenTransactions plus(Collection<Sha256Hash> ids) {
        Sha256Hash[][][] top = table.clone();
        boolean[] copied = new boolean[256];
        long added = 0;
        for (Sha256Hash id : ids) {
            int i = first(id);
            if (!copied[i]) {
                top[i] = top[i].clone();
                copied[i] = true;
            }
            Sha256Hash[][] buckets = top[i];
            Sha256Hash[] bucket = buckets[second(id)];
            int at = Arrays.binarySearch(bucket, id);
            if (at >= 0) {
                continue;
            }
            int insert = -at - 1;
            Sha256Hash[] grown = new Sha256Hash[bucket.length + 1];
            System.arraycopy(bucket, 0, grown, 0, insert);
            grown[insert] = id;
            System.arraycopy(bucket, insert, grown, insert + 1, bucket.length - insert);
            buckets[second(id)] = grown;
            added++;
        }
        return new SeenTransactions(top, size + added);
    }
}
