package org.ebc.ocmf;

/** OCMF's clock-synchronisation letter after each reading time ({@code TM}). */
public enum ClockStatus {
    /** Unknown / unsynchronised. */
    U,
    /** Informative: set once, not kept synchronised. */
    I,
    /** Synchronised (e.g. NTP with a recent sync). */
    S,
    /** Relative time: only the order of readings is meaningful. */
    R;

    public static ClockStatus fromLetter(String letter) {
        for (ClockStatus s : values()) {
            if (s.name().equals(letter)) {
                return s;
            }
        }
        return null;
    }
}
