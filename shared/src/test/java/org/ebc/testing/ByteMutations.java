package org.ebc.testing;

import java.util.Arrays;
import java.util.Random;

/** Seeded damage to valid messages for the decoders' fuzz tests: the same seed gives the same bytes. */
public final class ByteMutations {
    private ByteMutations() {}

    /**
     * 1–6 random edits: flip a bit, overwrite with one of {@code significant} (bytes that matter to the
     * format under test), insert a byte, delete one, duplicate a slice, cut the tail.
     */
    public static byte[] mutate(byte[] in, long seed, String significant) {
        Random r = new Random(seed);
        byte[] b = in;
        int edits = 1 + r.nextInt(6);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> {
                    b = b.clone();
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                case 1 -> {
                    b = b.clone();
                    b[at] = (byte) significant.charAt(r.nextInt(significant.length()));
                }
                case 2 ->
                    b = concat(
                            Arrays.copyOf(b, at),
                            new byte[] {(byte) r.nextInt(256)},
                            Arrays.copyOfRange(b, at, b.length));
                case 3 -> b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + 1, b.length));
                case 4 -> {
                    int len = 1 + r.nextInt(Math.min(40, b.length - at));
                    b = concat(Arrays.copyOf(b, at + len), Arrays.copyOfRange(b, at, b.length));
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
