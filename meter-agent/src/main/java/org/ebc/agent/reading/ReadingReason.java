package org.ebc.agent.reading;

/**
 * Why a reading was taken, written as the OCMF transaction letter {@code TX} of its record.
 *
 * <p>At a slot border the agent takes one reading, {@code B}: its registers both close slot n and open
 * slot n+1 (one measurement, one page; settlement of a slot uses the {@code B} records at its two borders).
 */
public enum ReadingReason {
    /** A periodic reading inside a market slot: OCMF {@code T}. */
    PERIODIC("T"),
    /** The reading at a market-slot border: OCMF {@code B}. */
    SLOT_BORDER("B");

    private final String letter;

    ReadingReason(String letter) {
        this.letter = letter;
    }

    /** The OCMF {@code TX} letter. */
    public String letter() {
        return letter;
    }
}
