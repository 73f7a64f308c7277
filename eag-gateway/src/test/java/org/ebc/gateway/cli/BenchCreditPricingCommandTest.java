package org.ebc.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command runs and prints its table; its figures are not asserted (speed is measured, not tested). */
class BenchCreditPricingCommandTest {
    @Test
    void aSmallRunPrintsARowPerRoundAndTheBest() {
        CliRun r = CliRun.of("bench-credit-pricing", "--borrowers", "2000", "--rounds", "2");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("2000 borrowers per pass, 2 rounds")
                .containsPattern("(?m)^1 +\\d+ +\\d+ +\\d+")
                .containsPattern("(?m)^2 +\\d+ +\\d+ +\\d+")
                .containsPattern("(?m)^best +\\d+");
        assertThat(r.err()).contains("warm-up round of 2000 borrowers");
    }

    @Test
    void aBadSizeIsRefusedNamingTheOption() {
        CliRun r = CliRun.of("bench-credit-pricing", "--borrowers", "0");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--borrowers must be 1 to 100000000, not 0");
    }
}
