package org.ebc.gateway.settlement;

/** One of a slot's two borders, at which every meter takes a signed reading. */
public enum Border {
    /** The slot's start instant. */
    START,
    /** The slot's end instant (the next slot's start). */
    END;

    public String wireName() {
        return this == START ? "start" : "end";
    }
}
