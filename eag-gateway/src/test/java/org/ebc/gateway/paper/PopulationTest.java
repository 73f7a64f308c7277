package org.ebc.gateway.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.ebc.gateway.credit.pricing.CreditGrade;
import org.junit.jupiter.api.Test;

class PopulationTest {
    @Test
    void borrowersComeFromTableTwosRangesAndTheChosenInputs() {
        PaperSetup setup = PaperSetup.paper(5);
        List<Population.Borrower> all = Population.draw(setup);

        assertThat(all).hasSize(100);
        for (Population.Borrower b : all) {
            var in = b.input();
            assertThat(in.d()).isBetween(20_000.0, 20_400.0);
            assertThat(in.theta()).isBetween(2_000.0, 2_500.0);
            assertThat(in.months()).isGreaterThan(0).isLessThanOrEqualTo(10);
            assertThat(in.lambda()).isGreaterThan(0).isLessThanOrEqualTo(1);
            assertThat(in.unitCost()).isBetween(0.1, 0.2);
            assertThat(in.eta()).isEqualTo(3.5);
            assertThat(in.gamma()).isEqualTo(b.grade().gamma());
            assertThat(in.price()).isEqualTo(1);
            assertThat(in.minDemand()).isEqualTo(1_000);
            assertThat(in.alphaMax()).isEqualTo(10);
            assertThat(b.bank()).isEqualTo(1 + b.id() / 20);
        }
        assertThat(Population.draw(setup)).isEqualTo(all);
        assertThat(Population.draw(PaperSetup.paper(6))).isNotEqualTo(all);
    }

    @Test
    void gradesFollowTheApproximateLendingClubShares() {
        double[] p = LendingClubGrades.probabilities();
        assertThat(Arrays.stream(p).sum()).isCloseTo(1, within(1e-12));
        assertThat(p[CreditGrade.B1.rank() - 1]).isCloseTo(0.287 / 5, within(1e-12));

        SplittableRandom random = new SplittableRandom(3);
        Map<Character, Integer> letters = new TreeMap<>();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            letters.merge(LendingClubGrades.draw(random).name().charAt(0), 1, Integer::sum);
        }
        double[] expected = {0.167, 0.287, 0.277, 0.157, 0.080, 0.026, 0.006};
        for (int i = 0; i < 7; i++) {
            char letter = (char) ('A' + i);
            assertThat(letters.getOrDefault(letter, 0) / (double) n)
                    .as("grade %s", letter)
                    .isCloseTo(expected[i], within(0.005));
        }
    }
}
