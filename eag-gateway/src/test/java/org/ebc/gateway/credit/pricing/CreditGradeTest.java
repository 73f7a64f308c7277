package org.ebc.gateway.credit.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CreditGradeTest {
    @Test
    void thereAreThirtyFiveGradesFromA1ToG5() {
        assertThat(CreditGrade.values()).hasSize(CreditGrade.COUNT);
        assertThat(CreditGrade.A1.rank()).isEqualTo(1);
        assertThat(CreditGrade.B1.rank()).isEqualTo(6);
        assertThat(CreditGrade.G5.rank()).isEqualTo(35);
        int expected = 1;
        for (CreditGrade g : CreditGrade.values()) {
            assertThat(g.rank()).as(g.name()).isEqualTo(expected++);
        }
    }

    @Test
    void gammaFallsFromOneForA1ToOneThirtyFifthForG5AndIsNeverZero() {
        assertThat(CreditGrade.A1.gamma()).isEqualTo(1.0);
        assertThat(CreditGrade.A2.gamma()).isCloseTo(34.0 / 35, within(1e-15));
        assertThat(CreditGrade.G5.gamma()).isCloseTo(1.0 / 35, within(1e-15));
        double previous = 2;
        for (CreditGrade g : CreditGrade.values()) {
            assertThat(g.gamma()).isPositive().isLessThan(previous);
            previous = g.gamma();
        }
    }

    @Test
    void gradesParseInAnyCaseAndNothingElseDoes() {
        assertThat(CreditGrade.parse("c3")).contains(CreditGrade.C3);
        assertThat(CreditGrade.parse(" G5 ")).contains(CreditGrade.G5);
        assertThat(CreditGrade.parse("H1")).isEmpty();
        assertThat(CreditGrade.parse("A6")).isEmpty();
        assertThat(CreditGrade.parse("")).isEmpty();
    }
}
