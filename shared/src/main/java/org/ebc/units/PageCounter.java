package org.ebc.units;

/**
 * The OCMF pagination counter of a meter's readings ({@code PG}, written {@code T<n>}): it starts at 1 and
 * rises by exactly one per signed record of that meter. A page number is never signed twice; the gateway
 * treats a repeated or older page as a replay and a forward jump as a gap.
 */
public record PageCounter(long value) implements Comparable<PageCounter> {

    public static final PageCounter FIRST = new PageCounter(1);

    public PageCounter {
        if (value < 1) {
            throw new IllegalArgumentException("page counter must be >= 1, was " + value);
        }
    }

    public static PageCounter of(long value) {
        return new PageCounter(value);
    }

    public PageCounter next() {
        return new PageCounter(Math.addExact(value, 1));
    }

    /** The OCMF text form, {@code T<n>}. */
    public String ocmf() {
        return "T" + value;
    }

    /** Parses {@code T<n>}; returns null if the text is not exactly that shape (no sign, no leading zero). */
    public static PageCounter parseOcmf(String text) {
        if (text == null || text.length() < 2 || text.length() > 20 || text.charAt(0) != 'T') {
            return null;
        }
        if (text.charAt(1) == '0') {
            return null;
        }
        long v = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v >= 1 ? new PageCounter(v) : null;
    }

    @Override
    public int compareTo(PageCounter other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return ocmf();
    }
}
