package org.ebc.gateway.paper;

import java.util.random.RandomGenerator;
import org.ebc.gateway.credit.pricing.CreditGrade;

/**
 * An <b>approximation</b> of the distribution of credit grades in the Lending Club data (paper Fig. 6,
 * reference [26]: the Kaggle "lending-club-loan-data" file, ~887,000 loans 2007–2015). We could not download
 * the dataset here. The shares of the seven letter grades are as recalled from published exploratory
 * analyses of that file, rounded to 0.1 % — A 16.7 %, B 28.7 %, C 27.7 %, D 15.7 %, E 8.0 %, F 2.6 %,
 * G 0.6 % — and were not checked against the data; each letter's share is split equally among its five
 * sub-grades (the real file is not flat within a letter). docs/paper-comparison.md §2.
 */
public final class LendingClubGrades {
    /** Per mille of loans in grade A, B, …, G (sum 1000). */
    static final int[] LETTER_PER_MILLE = {167, 287, 277, 157, 80, 26, 6};

    private static final double[] CUMULATIVE = cumulative();

    private LendingClubGrades() {}

    /** The probability of each of the 35 grades, in grade order (sums to 1). */
    public static double[] probabilities() {
        double[] p = new double[CreditGrade.COUNT];
        for (CreditGrade g : CreditGrade.values()) {
            p[g.rank() - 1] = LETTER_PER_MILLE[(g.rank() - 1) / 5] / 5000.0;
        }
        return p;
    }

    /** One grade drawn from {@link #probabilities()}. */
    public static CreditGrade draw(RandomGenerator random) {
        double u = random.nextDouble();
        CreditGrade[] grades = CreditGrade.values();
        for (int i = 0; i < grades.length; i++) {
            if (u < CUMULATIVE[i]) {
                return grades[i];
            }
        }
        return CreditGrade.G5; // u within rounding of 1
    }

    private static double[] cumulative() {
        double[] p = probabilities();
        double[] c = new double[p.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            c[i] = sum;
        }
        return c;
    }
}
