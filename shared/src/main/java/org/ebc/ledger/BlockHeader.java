package org.ebc.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * A block header in its fixed 224-byte layout, the bytes proof of work hashes (all integers big-endian,
 * unsigned):
 *
 * <pre>
 * offset size field
 *      0    4 magic "EBH1" (0x45 0x42 0x48 0x31): format and version
 *      4   32 chain: the genesis hash (the consortium's chain id)
 *     36    8 height (≥ 1; the genesis is height 0)
 *     44   32 previous block hash (the genesis hash at height 1)
 *     76    8 timestamp, ms since the epoch
 *     84   32 Merkle root of the coinbase and transactions ({@link MerkleTree})
 *    116    4 transaction count (not counting the coinbase; the tree has count + 1 leaves)
 *    120   32 target, unsigned 256-bit ({@link Target})
 *    152   64 miner: the EAG id in ASCII, padded with zero bytes
 *    216    8 nonce
 * </pre>
 *
 * <p>The transaction count is there because a Merkle root does not fix the number of leaves: an audit path
 * for the leftmost leaves is the same in trees of several sizes, and a last leaf can be passed off at a
 * smaller index of a smaller tree. With the count in the header a proof's size and index are checked
 * against it ({@link MerkleProof#provesIn}).
 *
 * <p><b>Block hash</b> = SHA-256 of these 224 bytes, once. Bitcoin hashes twice to guard against
 * length-extension, which cannot matter for a fixed-length public header compared with a target; one pass
 * halves the mining and validation cost. The nonce is last, so a miner hashes the first 192 bytes (three
 * SHA-256 blocks) once and only the last 32 bytes per nonce ({@code org.ebc.gateway.chain.Miner}).
 *
 * <p>Immutable; the bytes and hash are computed once.
 */
public final class BlockHeader {
    public static final int LENGTH = 224;
    public static final int NONCE_OFFSET = 216;
    static final int MINER_OFFSET = 152;
    static final int MINER_LENGTH = 64;
    private static final byte[] MAGIC = "EBH1".getBytes(StandardCharsets.US_ASCII);

    private final Sha256Hash chain;
    private final long height;
    private final Sha256Hash previous;
    private final long timestampMillis;
    private final Sha256Hash merkleRoot;
    private final int transactionCount;
    private final Target target;
    private final EagId miner;
    private final long nonce;
    private final byte[] bytes;
    private final Sha256Hash hash;

    public BlockHeader(
            Sha256Hash chain,
            long height,
            Sha256Hash previous,
            long timestampMillis,
            Sha256Hash merkleRoot,
            int transactionCount,
            Target target,
            EagId miner,
            long nonce) {
        if (height < 1 || timestampMillis < 0 || transactionCount < 0 || transactionCount > Block.MAX_TRANSACTIONS) {
            throw new IllegalArgumentException(
                    "height must be >= 1, timestamp >= 0 and transaction count 0-" + Block.MAX_TRANSACTIONS);
        }
        this.chain = chain;
        this.height = height;
        this.previous = previous;
        this.timestampMillis = timestampMillis;
        this.merkleRoot = merkleRoot;
        this.transactionCount = transactionCount;
        this.target = target;
        this.miner = miner;
        this.nonce = nonce;
        this.bytes = encode();
        this.hash = Sha256Hash.of(bytes);
    }

    private byte[] encode() {
        byte[] out = new byte[LENGTH];
        ByteBuffer b = ByteBuffer.wrap(out);
        b.put(MAGIC);
        chain.copyInto(out, 4);
        b.putLong(36, height);
        previous.copyInto(out, 44);
        b.putLong(76, timestampMillis);
        merkleRoot.copyInto(out, 84);
        b.putInt(116, transactionCount);
        target.copyInto(out, 120);
        byte[] id = miner.value().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, out, MINER_OFFSET, id.length);
        b.putLong(NONCE_OFFSET, nonce);
        return out;
    }

    /** Reads exactly 224 bytes in the layout above; never throws. */
    public static Outcome<FormatReason, BlockHeader> parse(byte[] raw) {
        if (raw.length != LENGTH) {
            return Outcome.refuse(FormatReason.MALFORMED, "a header has " + LENGTH + " bytes, not " + raw.length);
        }
        if (!Arrays.equals(raw, 0, 4, MAGIC, 0, 4)) {
            return Outcome.refuse(FormatReason.MALFORMED, "header does not start with EBH1");
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long height = b.getLong(36);
        long ts = b.getLong(76);
        int count = b.getInt(116);
        Optional<Target> target = Target.read(raw, 120);
        String miner = minerId(raw);
        if (height < 1 || ts < 0 || count < 0 || count > Block.MAX_TRANSACTIONS || target.isEmpty() || miner == null) {
            return Outcome.refuse(
                    FormatReason.MALFORMED,
                    "height < 1, negative timestamp, transaction count out of range, zero target or malformed miner id");
        }
        return Outcome.ok(
                FormatReason.OK,
                new BlockHeader(
                        Sha256Hash.read(raw, 4),
                        height,
                        Sha256Hash.read(raw, 44),
                        ts,
                        Sha256Hash.read(raw, 84),
                        count,
                        target.get(),
                        EagId.of(miner),
                        b.getLong(NONCE_OFFSET)));
    }

    /** The miner id: ASCII up to the first zero byte, then only zero bytes; null if not an EAG id. */
    private static @Nullable String minerId(byte[] raw) {
        int end = MINER_OFFSET;
        while (end < MINER_OFFSET + MINER_LENGTH && raw[end] != 0) {
            end++;
        }
        for (int i = end; i < MINER_OFFSET + MINER_LENGTH; i++) {
            if (raw[i] != 0) {
                return null;
            }
        }
        String id = new String(raw, MINER_OFFSET, end - MINER_OFFSET, StandardCharsets.US_ASCII);
        return EagId.isValid(id) ? id : null;
    }

    /** The same header with another nonce. */
    public BlockHeader withNonce(long n) {
        return new BlockHeader(
                chain, height, previous, timestampMillis, merkleRoot, transactionCount, target, miner, n);
    }

    /** The same header with another timestamp (a miner that must move past the median time). */
    public BlockHeader withTimestamp(long ms) {
        return new BlockHeader(chain, height, previous, ms, merkleRoot, transactionCount, target, miner, nonce);
    }

    /** True if the hash meets the target: the proof of work. */
    public boolean hasEnoughWork() {
        return target.isMetBy(hash);
    }

    /** The 224 header bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The block hash: SHA-256 of the header bytes. */
    public Sha256Hash hash() {
        return hash;
    }

    public Sha256Hash chain() {
        return chain;
    }

    public long height() {
        return height;
    }

    public Sha256Hash previous() {
        return previous;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public Sha256Hash merkleRoot() {
        return merkleRoot;
    }

    /** Transactions in the block, not counting the coinbase (the Merkle tree has this + 1 leaves). */
    public int transactionCount() {
        return transactionCount;
    }

    public Target target() {
        return target;
    }

    public EagId miner() {
        return miner;
    }

    public long nonce() {
        return nonce;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof BlockHeader h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "block " + height + " " + hash + " by " + miner;
    }
}
