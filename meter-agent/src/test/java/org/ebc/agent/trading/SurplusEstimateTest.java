package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.units.Energy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The surplus per slot from the registers at slot borders. */
class SurplusEstimateTest {
    private static final Duration SLOT = Duration.ofMinutes(15);
    private static final Instant T0 = TradeFixtures.T0;

    /** "slot:import:export" triples, the slot counted from T0. */
    private static List<BorderReading> readings(String spec) {
        List<BorderReading> out = new ArrayList<>();
        for (String r : spec.trim().split("\\s+")) {
            String[] p = r.split(":");
            out.add(new BorderReading(
                    T0.plus(SLOT.multipliedBy(Long.parseLong(p[0]))),
                    EnergyRegisters.ofWh(Long.parseLong(p[1]), Long.parseLong(p[2]))));
        }
        return out;
    }

    @ParameterizedTest(name = "[{0}] window {1}, now slot {2} -> {3}")
    @CsvSource({
        // readings (slot:import:export), window, now (slot), expected Wh per slot ("none" = no estimate)
        "'0:0:0 1:100:900', 1, 1, 800", // the last completed slot: export 900 - import 100
        "'0:0:0 1:900:100', 1, 1, -800", // a node that imports
        "'0:0:0 1:100:900 2:200:1000', 1, 2, 0", // the latest slot alone: +100 export, +100 import
        "'0:0:0 1:100:900 2:200:1000', 2, 2, 400", // two slots averaged: 800 + 0 over 2
        "'0:0:0 1:0:1 2:0:2', 2, 2, 1", // averaged and exact
        "'0:0:0 1:0:1 2:0:1 3:0:2', 3, 3, 0", // 2 Wh over 3 slots truncates toward zero
        "'0:0:0 1:2:0 2:2:0 3:2:0', 3, 3, 0", // -2 Wh over 3 slots truncates toward zero, not to -1
        "'0:0:0 3:0:900', 1, 3, none", // a gap wider than the window: no pair inside it
        "'0:0:0 3:0:900', 3, 3, 300", // the agent was down two slots: per slot over the span covered
        "'1:100:900', 1, 1, none", // one reading is no estimate
        "'0:0:0 1:100:900', 1, 4, none", // the readings stopped: stale
    })
    void theEstimateIsTheNetFlowPerSlotOverTheWindow(String spec, int window, long nowSlot, String expected) {
        Optional<Energy> e = SurplusEstimate.perSlot(
                readings(spec),
                SLOT,
                window,
                T0.plus(SLOT.multipliedBy(nowSlot)).plusSeconds(1));
        if (expected.equals("none")) {
            assertThat(e).isEmpty();
        } else {
            assertThat(e).contains(Energy.ofWh(Long.parseLong(expected)));
        }
    }

    @Test
    void noReadingsGiveNoEstimate() {
        assertThat(SurplusEstimate.perSlot(List.of(), SLOT, 1, T0)).isEmpty();
    }
}
