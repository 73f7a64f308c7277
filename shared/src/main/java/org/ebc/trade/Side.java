package org.ebc.trade;

import java.util.List;

/** Which side of the market an order is on. */
public enum Side {
    /** Wants energy; pays from its address. */
    BUY("buy"),
    /** Offers energy; is paid to its address. */
    SELL("sell");

    /** The words on the wire, in declaration order. */
    public static final List<String> WORDS = List.of("buy", "sell");

    private final String word;

    Side(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Side ofWord(String word) {
        for (Side s : values()) {
            if (s.word.equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a side: " + word);
    }
}
