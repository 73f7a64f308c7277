package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;

class ProposerScheduleTest {
    private final List<EagId> members = List.of(EagId.of("a"), EagId.of("b"), EagId.of("c"), EagId.of("d"));
    private final ProposerSchedule schedule = new ProposerSchedule(members);

    @Test
    void everyEagLeadsOnceInAnyNConsecutiveRounds() {
        for (long h = 1; h <= 5; h++) {
            Set<EagId> leaders = new HashSet<>();
            for (int r = 1; r <= 4; r++) {
                leaders.add(schedule.proposer(h, r));
            }
            assertThat(leaders).as("height %d", h).containsExactlyInAnyOrderElementsOf(members);
        }
    }

    @Test
    void roundOneMovesOnWithTheHeightSoNoEagLeadsEveryFirstRoundChange() {
        assertThat(schedule.proposer(1, 1)).isEqualTo(EagId.of("c"));
        assertThat(schedule.proposer(2, 1)).isEqualTo(EagId.of("d"));
        assertThat(schedule.proposer(3, 1)).isEqualTo(EagId.of("a"));
        assertThat(schedule.proposer(Long.MAX_VALUE, Integer.MAX_VALUE)).isIn(members);
    }
}
