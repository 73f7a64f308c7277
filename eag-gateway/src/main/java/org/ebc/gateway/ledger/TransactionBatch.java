package org.ebc.gateway.ledger;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.ledger.LedgerTransaction;

/**
 * The frame of a transactions gossip message ({@code ebc/v1/consortium/<eag>/transactions}): the exact bytes of each
 * ledger transaction, each after its length as a 4-byte big-endian unsigned number. Each transaction is signed on its
 * own (the admitting EAG's envelope, the payer's and payee's signatures inside), so the frame itself needs no
 * signature: a receiver verifies every transaction and drops what does not hold.
 */
final class TransactionBatch {
    /** A gossip message stays well under a broker's message limit. */
    static final int MAX_BYTES = 512 * 1024;

    private TransactionBatch() {}

    /** Splits {@code raws} into frames of at most {@link #MAX_BYTES} each. */
    static List<byte[]> encode(List<byte[]> raws) {
        List<byte[]> out = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        int size = 0;
        for (byte[] r : raws) {
            if (size + 4 + r.length > MAX_BYTES && !current.isEmpty()) {
                out.add(frame(current, size));
                current = new ArrayList<>();
                size = 0;
            }
            current.add(r);
            size += 4 + r.length;
        }
        if (!current.isEmpty()) {
            out.add(frame(current, size));
        }
        return out;
    }

    private static byte[] frame(List<byte[]> raws, int size) {
        ByteBuffer b = ByteBuffer.allocate(size);
        for (byte[] r : raws) {
            b.putInt(r.length).put(r);
        }
        return b.array();
    }

    /** The transactions of a frame; empty if it is not one (a length past the end, or over a transaction's limit). */
    static Optional<List<byte[]>> decode(byte[] frame) {
        if (frame.length > MAX_BYTES) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                return Optional.empty();
            }
            int n = b.getInt();
            if (n <= 0 || n > LedgerTransaction.MAX_BYTES || n > b.remaining()) {
                return Optional.empty();
            }
            byte[] r = new byte[n];
            b.get(r);
            out.add(r);
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }
}
