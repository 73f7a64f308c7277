package org.ebc.ledger;

import java.math.BigInteger;

/**
 * How the proof-of-work target follows the configured block interval. Pure and deterministic: every EAG
 * computes the same target for the same chain.
 *
 * <p><b>Rule.</b> Heights count from 1 (height 0 is the genesis, whose time is {@code ts(0)}). Block 1 and
 * every block up to the first retarget use {@code initialTarget}. A block at height {@code h} with
 * {@code h > 1} and {@code (h - 1) mod window = 0} retargets; every other block repeats its parent's target.
 * At a retarget:
 *
 * <pre>
 *   expected = window × interval                                 (ms)
 *   actual   = ts(h−1) − ts(h−1−window)                          (ms; the last `window` intervals, genesis time for ts(0))
 *   actual   = min(max(actual, ⌊expected / clamp⌋, 1), expected × clamp)
 *   target   = min(max(⌊parentTarget × actual / expected⌋, 1), maxTarget)
 * </pre>
 *
 * Unlike Bitcoin's rule, the window covers exactly {@code window} intervals (Bitcoin measures 2015 of its
 * 2016), and the arithmetic is exact (BigInteger, one floor division).
 *
 * @param intervalMillis the intended time between blocks, ms (1 ms to 1 day)
 * @param initialTarget the target of the first blocks
 * @param maxTarget the easiest target the rule may reach (at least {@code initialTarget})
 * @param window blocks between retargets and the span measured (1–100,000)
 * @param clamp largest factor by which one retarget may change the target (1–16; 1 never changes it)
 */
public record DifficultyRule(long intervalMillis, Target initialTarget, Target maxTarget, int window, int clamp) {
    public static final long MAX_INTERVAL_MILLIS = 86_400_000L;
    public static final int MAX_WINDOW = 100_000;
    public static final int MAX_CLAMP = 16;

    public DifficultyRule {
        if (intervalMillis < 1 || intervalMillis > MAX_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("block interval must be 1 ms to 1 day, not " + intervalMillis + " ms");
        }
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("retarget window must be 1-" + MAX_WINDOW + " blocks, not " + window);
        }
        if (clamp < 1 || clamp > MAX_CLAMP) {
            throw new IllegalArgumentException("retarget clamp must be 1-" + MAX_CLAMP + ", not " + clamp);
        }
        if (initialTarget.toBigInteger().compareTo(maxTarget.toBigInteger()) > 0) {
            throw new IllegalArgumentException("the initial target must not be easier than the maximum target");
        }
    }

    /** True if the block at {@code height} computes a new target. */
    public boolean retargetsAt(long height) {
        return height > 1 && (height - 1) % window == 0;
    }

    /**
     * The target of a retargeting block.
     *
     * @param parentTarget the target of block {@code h − 1}
     * @param lastMillis the timestamp of block {@code h − 1}
     * @param firstMillis the timestamp of block {@code h − 1 − window} (the genesis time for height 0)
     */
    public Target retarget(Target parentTarget, long lastMillis, long firstMillis) {
        BigInteger expected = BigInteger.valueOf(window).multiply(BigInteger.valueOf(intervalMillis));
        BigInteger low = expected.divide(BigInteger.valueOf(clamp)).max(BigInteger.ONE);
        BigInteger high = expected.multiply(BigInteger.valueOf(clamp));
        BigInteger actual = BigInteger.valueOf(lastMillis)
                .subtract(BigInteger.valueOf(firstMillis))
                .max(low)
                .min(high);
        BigInteger next = parentTarget
                .toBigInteger()
                .multiply(actual)
                .divide(expected)
                .max(BigInteger.ONE)
                .min(maxTarget.toBigInteger());
        return Target.fromBigInteger(next);
    }
}
