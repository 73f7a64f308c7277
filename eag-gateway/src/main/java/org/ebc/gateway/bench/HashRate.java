package org.ebc.gateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.ebc.gateway.chain.Miner;
import org.ebc.gateway.chain.MiningJob;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.Target;

/**
 * SHA-256 over block headers on one thread: the JDK's digest (provider SUN, what the ledger uses), Bouncy
 * Castle's through its JCA provider and its lightweight {@link SHA256Digest}, and the miner's own loop
 * (JDK digest with the 192-byte midstate). Each figure is hashes per CPU-second of the measuring thread over
 * a fixed period of CPU time, after a warm-up of the same length.
 */
final class HashRate {
    /**
     * @param jdk whole-header hashes/s, JDK
     * @param bcProvider whole-header hashes/s, Bouncy Castle's JCA provider
     * @param bcDigest whole-header hashes/s, Bouncy Castle's lightweight digest
     * @param miner nonces/s tried by {@link Miner} (midstate: one compression per nonce)
     */
    record Figures(double jdk, double bcProvider, double bcDigest, double miner) {}

    private HashRate() {}

    static Figures measure(BlockHeader header, Duration period) {
        byte[] bytes = header.bytes();
        MessageDigest jdk = Sha256Hash.newDigest();
        MessageDigest bc = bcProviderDigest();
        SHA256Digest light = new SHA256Digest();
        byte[] out = new byte[32];
        DigestLoop jdkLoop = n -> jca(jdk, bytes, out, n);
        DigestLoop bcLoop = n -> jca(bc, bytes, out, n);
        DigestLoop lightLoop = n -> {
            for (long i = 0; i < n; i++) {
                bytes[BlockHeader.NONCE_OFFSET + 7] = (byte) i;
                light.update(bytes, 0, bytes.length);
                light.doFinal(out, 0);
            }
        };
        Miner miner = new Miner();
        BlockHeader impossible = new BlockHeader(
                header.chain(),
                header.height(),
                header.previous(),
                header.timestampMillis(),
                header.merkleRoot(),
                header.transactionCount(),
                Target.fromBigInteger(BigInteger.ONE),
                header.miner(),
                0);
        DigestLoop minerLoop = n -> miner.mine(impossible, new MiningJob(impossible.height()), n);
        return new Figures(
                rate(jdkLoop, period), rate(bcLoop, period), rate(lightLoop, period), rate(minerLoop, period));
    }

    /** {@code n} whole-header digests into {@code out}, the nonce's last byte changing each time. */
    private static void jca(MessageDigest d, byte[] header, byte[] out, long n) {
        try {
            for (long i = 0; i < n; i++) {
                header[BlockHeader.NONCE_OFFSET + 7] = (byte) i;
                d.update(header);
                d.digest(out, 0, out.length);
            }
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface DigestLoop {
        void hash(long n);
    }

    /**
     * Hashes per CPU-second of this thread (on a shared machine the wall clock also counts waiting for a
     * core): batches until the period of CPU time is over, the first period only warming up.
     */
    private static double rate(DigestLoop loop, Duration period) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long batch = 20_000;
        for (int pass = 0; pass < 2; pass++) {
            long done = 0;
            long t0 = mx.getCurrentThreadCpuTime();
            long end = t0 + period.toNanos();
            long now = t0;
            while (now < end) {
                loop.hash(batch);
                done += batch;
                now = mx.getCurrentThreadCpuTime();
            }
            if (pass == 1) {
                return done * 1e9 / (now - t0);
            }
        }
        throw new AssertionError("unreachable");
    }

    private static MessageDigest bcProviderDigest() {
        try {
            return MessageDigest.getInstance("SHA-256", new BouncyCastleProvider());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Bouncy Castle has no SHA-256", e);
        }
    }
}
