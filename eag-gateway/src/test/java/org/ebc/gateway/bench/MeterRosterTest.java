package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MeterRosterTest {

    @Test
    void twentyMetersMixTheFiveProfilesEquallyAndFitOneAgentProcess() {
        List<BenchMeter> meters = MeterRoster.plan(20, "node-");

        assertThat(MeterRoster.processes(meters)).isEqualTo(1);
        Map<BenchProfile, Long> mix =
                meters.stream().collect(Collectors.groupingBy(BenchMeter::profile, Collectors.counting()));
        assertThat(mix)
                .containsOnlyKeys(BenchProfile.values())
                .allSatisfy((profile, n) -> assertThat(n).isEqualTo(4L));
        assertThat(meters.get(0).node().value()).isEqualTo("node-01");
        assertThat(meters.get(19).node().value()).isEqualTo("node-20");
        assertThat(meters.get(19).meterSerial()).isEqualTo("SIM-20");
        assertThat(meters).extracting(BenchMeter::seed).doesNotHaveDuplicates();
    }

    @Test
    void metersThatExportGetASecondInputAndNoTwoMetersOfOneProcessSharePins() {
        List<BenchMeter> meters = MeterRoster.plan(100, "n");

        for (BenchMeter m : meters) {
            assertThat(m.exportPin().isPresent())
                    .as("%s (%s) has an export input", m.node(), m.profile())
                    .isEqualTo(m.profile().exports());
        }
        for (int p = 0; p < MeterRoster.processes(meters); p++) {
            int process = p;
            List<Integer> pins = new ArrayList<>();
            meters.stream().filter(m -> m.process() == process).forEach(m -> {
                pins.add(m.importPin());
                m.exportPin().ifPresent(pins::add);
            });
            Set<Integer> distinct = new HashSet<>(pins);
            assertThat(distinct)
                    .as("pins of process %d", p)
                    .hasSameSizeAs(pins)
                    .allMatch(pin -> pin >= 0 && pin <= MeterRoster.MAX_PIN);
        }
    }

    @Test
    void moreMetersThanOneMockGpioHasPinsForAreSpreadOverSeveralProcesses() {
        // Five meters use 1 + 2 + 2 + 1 + 2 = 8 of the 54 pins: 6 rounds (48 pins, 30 meters), then household, pv,
        // prosumer and ev take the last 6 pins; the 35th meter (battery, 2 pins) starts the next process.
        List<BenchMeter> meters = MeterRoster.plan(35, "node-");

        assertThat(meters.stream().filter(m -> m.process() == 0).count()).isEqualTo(34);
        assertThat(MeterRoster.processes(meters)).isEqualTo(2);
        assertThat(meters.get(34).importPin()).isZero();
    }

    @Test
    void aBenchWithoutMetersIsRefused() {
        assertThatThrownBy(() -> MeterRoster.plan(0, "node-")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRosterDealtToSitesGivesEachAContiguousRunWithEveryProfileAndKeepsThePinsApart() {
        List<BenchMeter> meters = MeterRoster.plan(23, "node-");

        List<List<BenchMeter>> sites = MeterRoster.deal(meters, 4);

        assertThat(sites).extracting(List::size).containsExactly(6, 6, 6, 5);
        assertThat(sites.stream().flatMap(List::stream).toList()).isEqualTo(meters);
        for (List<BenchMeter> site : sites) {
            assertThat(site).extracting(BenchMeter::profile).containsAll(List.of(BenchProfile.values()));
        }
        assertThatThrownBy(() -> MeterRoster.deal(meters, 24)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeterRoster.deal(meters, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
