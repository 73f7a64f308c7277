package org.ebc.gateway.chain;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.Sha256Hash;
import org.jspecify.annotations.Nullable;

/**
 * Proof-of-work search: tries nonces upward from the template's until the header's SHA-256 meets its target,
 * the job is cancelled, or the attempts run out. It runs on the calling thread (the adapter gives it one) and
 * holds no state, so one miner serves any number of threads.
 *
 * <p>The header's first 192 bytes (three SHA-256 blocks) do not depend on the nonce: they are hashed once,
 * and each attempt clones that digest state and hashes only the last 32 bytes (one compression instead of
 * four). The JDK's SHA-256 with its CPU intrinsics is used ({@link Sha256Hash#newDigest}); Bouncy Castle's is
 * several times slower here ({@code docs/benchmarks.md}, Part E).
 */
public final class Miner {
    /** The job's cancellation is checked once per this many attempts (a power of two). */
    public static final int CHECK_EVERY = 4096;

    private static final int PREFIX = 192;

    /** How a search ended. */
    public enum Status {
        /** A nonce meets the target: {@link Result#header} is the mined header. */
        FOUND,
        /** The job was cancelled (a valid proposal for the height arrived). */
        CANCELLED,
        /** The attempts ran out (the caller may move the timestamp and try again). */
        EXHAUSTED
    }

    /**
     * @param status how it ended
     * @param header the mined header, if found
     * @param attempts nonces tried
     */
    public record Result(Status status, @Nullable BlockHeader header, long attempts) {
        /** The mined header of a search that {@link Status#FOUND} one. */
        public BlockHeader headerOrThrow() {
            BlockHeader h = header;
            if (h == null) {
                throw new IllegalStateException("no header mined: " + status + " after " + attempts + " attempts");
            }
            return h;
        }
    }

    /** Searches without a limit on attempts (until found or cancelled). */
    public Result mine(BlockHeader template, MiningJob job) {
        return mine(template, job, Long.MAX_VALUE);
    }

    public Result mine(BlockHeader template, MiningJob job, long maxAttempts) {
        byte[] bytes = template.bytes();
        MessageDigest prefix = Sha256Hash.newDigest();
        prefix.update(bytes, 0, PREFIX);
        byte[] tail = Arrays.copyOfRange(bytes, PREFIX, BlockHeader.LENGTH);
        ByteBuffer tailBuffer = ByteBuffer.wrap(tail);
        int nonceAt = BlockHeader.NONCE_OFFSET - PREFIX;
        byte[] target = template.target().bytes();
        byte[] hash = new byte[Sha256Hash.LENGTH];
        long nonce = template.nonce();
        for (long attempt = 0; attempt < maxAttempts; attempt++, nonce++) {
            if ((attempt & (CHECK_EVERY - 1)) == 0) {
                job.progress(attempt);
                if (job.isCancelled()) {
                    return new Result(Status.CANCELLED, null, attempt);
                }
            }
            tailBuffer.putLong(nonceAt, nonce);
            MessageDigest d = copy(prefix);
            d.update(tail);
            digestInto(d, hash);
            if (Arrays.compareUnsigned(hash, target) <= 0) {
                BlockHeader mined = template.withNonce(nonce);
                if (!mined.hasEnoughWork()) {
                    throw new IllegalStateException("the midstate hash disagrees with the header hash");
                }
                job.progress(attempt + 1);
                return new Result(Status.FOUND, mined, attempt + 1);
            }
        }
        return new Result(Status.EXHAUSTED, null, maxAttempts);
    }

    private static MessageDigest copy(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 digest cannot be cloned", e);
        }
    }

    private static void digestInto(MessageDigest d, byte[] out) {
        try {
            d.digest(out, 0, out.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 into a 32-byte buffer failed", e);
        }
    }
}
