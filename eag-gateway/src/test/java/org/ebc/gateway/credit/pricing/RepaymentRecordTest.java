package org.ebc.gateway.credit.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RepaymentRecordTest {
    @Test
    void lambdaIsTheShareOfLoansRepaidInTime() {
        assertThat(new RepaymentRecord(3, 1).lambda()).isEqualTo(0.75);
        assertThat(new RepaymentRecord(5, 0).lambda()).isEqualTo(1.0);
        assertThat(new RepaymentRecord(0, 2).lambda()).isZero();
    }

    @Test
    void aBorrowerWithoutHistoryGetsOneHalf() {
        assertThat(RepaymentRecord.NONE.lambda())
                .isEqualTo(RepaymentRecord.LAMBDA_WITHOUT_HISTORY)
                .isEqualTo(0.5);
    }

    @Test
    void aNewcomerRanksBelowASpotlessRecordAndAboveAMostlyLateOne() {
        assertThat(RepaymentRecord.NONE.lambda())
                .isLessThan(new RepaymentRecord(1, 0).lambda())
                .isGreaterThan(new RepaymentRecord(1, 3).lambda());
    }

    @Test
    void countsAreNeverNegative() {
        assertThatThrownBy(() -> new RepaymentRecord(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepaymentRecord(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hugeRecordsDoNotOverflow() {
        assertThat(new RepaymentRecord(Integer.MAX_VALUE, Integer.MAX_VALUE).lambda())
                .isEqualTo(0.5);
    }
}
