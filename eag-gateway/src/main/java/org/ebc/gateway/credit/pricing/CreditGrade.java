package org.ebc.gateway.credit.pricing;

import java.util.Locale;
import java.util.Optional;

/**
 * The 35 credit grades A1 (best) … G5 (worst) of paper §V-C, as in the Lending Club data the paper uses.
 * The n-th grade (A1 is n = 1) has the credit grade factor {@code γ_n = 1 − (n−1)/N} with N = 35, so γ runs
 * from 1 (A1) down to 1/35 (G5) and is never 0. (The paper prints the factor as {@code r_n} in §V-C and
 * calls it γ everywhere else.)
 */
public enum CreditGrade {
    A1,
    A2,
    A3,
    A4,
    A5,
    B1,
    B2,
    B3,
    B4,
    B5,
    C1,
    C2,
    C3,
    C4,
    C5,
    D1,
    D2,
    D3,
    D4,
    D5,
    E1,
    E2,
    E3,
    E4,
    E5,
    F1,
    F2,
    F3,
    F4,
    F5,
    G1,
    G2,
    G3,
    G4,
    G5;

    /** N, the number of grades. */
    public static final int COUNT = 35;

    /** n, from 1 (A1) to 35 (G5): five sub-grades per letter, read from the name. */
    public int rank() {
        return (name().charAt(0) - 'A') * 5 + (name().charAt(1) - '0');
    }

    /** γ_n = 1 − (n−1)/35: the weight the bank gives to a timely repayment, in (0, 1]. */
    public double gamma() {
        return 1.0 - (double) (rank() - 1) / COUNT;
    }

    /** The grade named {@code text} ("A1" … "G5", any case), or empty. */
    public static Optional<CreditGrade> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (CreditGrade g : values()) {
            if (g.name().equals(t)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
