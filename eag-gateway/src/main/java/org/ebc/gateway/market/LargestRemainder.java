package org.ebc.gateway.market;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Shares a whole number among weights in proportion, exactly (the largest remainder, or Hamilton, method):
 * every share first gets {@code floor(total × weight / Σweights)}; the units left over (fewer than the number of
 * weights) go one each to the largest remainders {@code total × weight mod Σweights}; equal remainders go to the
 * earlier weight. Callers pass weights in a deterministic order (arrival, trade or order-id order), which makes
 * the tie-break deterministic too. The shares always add up to {@code total}, and when {@code total ≤ Σweights}
 * no share exceeds its weight.
 */
public final class LargestRemainder {
    private LargestRemainder() {}

    /**
     * @param total what to share, ≥ 0
     * @param weights the weights, each ≥ 0; their sum must be positive unless {@code total} is 0
     * @return one share per weight, in the same order
     */
    public static long[] apportion(long total, long[] weights) {
        if (total < 0) {
            throw new IllegalArgumentException("cannot share a negative total: " + total);
        }
        long sum = 0;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("negative weight " + w);
            }
            sum = Math.addExact(sum, w);
        }
        long[] shares = new long[weights.length];
        if (total == 0) {
            return shares;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("cannot share " + total + " among zero weights");
        }
        long[] remainders = new long[weights.length];
        long given = 0;
        int withRemainder = 0;
        for (int i = 0; i < weights.length; i++) {
            long w = weights[i];
            long hi = Math.multiplyHigh(total, w);
            long lo = total * w;
            if (hi == 0 && lo >= 0) {
                shares[i] = lo / sum;
                remainders[i] = lo % sum;
            } else {
                BigInteger[] qr = BigInteger.valueOf(total)
                        .multiply(BigInteger.valueOf(w))
                        .divideAndRemainder(BigInteger.valueOf(sum));
                shares[i] = qr[0].longValueExact();
                remainders[i] = qr[1].longValueExact();
            }
            given += shares[i];
            if (remainders[i] > 0) {
                withRemainder++;
            }
        }
        long left = total - given;
        if (left == 0) {
            return shares;
        }
        // Rank only the weights that have a remainder: largest first, earlier index on a tie. There are more of
        // them than units left, because the remainders add up to left × sum and each is below sum.
        Integer[] ranked = new Integer[withRemainder];
        int k = 0;
        for (int i = 0; i < weights.length; i++) {
            if (remainders[i] > 0) {
                ranked[k++] = i;
            }
        }
        Arrays.sort(ranked, (a, b) -> {
            int c = Long.compare(remainders[b], remainders[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int j = 0; j < left; j++) {
            shares[ranked[j]]++;
        }
        return shares;
    }
}
