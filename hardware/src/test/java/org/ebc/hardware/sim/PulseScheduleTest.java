package org.ebc.hardware.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ebc.hardware.Direction;
import org.ebc.hardware.s0.PulseConstant;
import org.junit.jupiter.api.Test;

class PulseScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    private static List<PulseSchedule.Pulse> all(PulseSchedule schedule, long limitNanos) {
        List<PulseSchedule.Pulse> pulses = new ArrayList<>();
        PulseSchedule.Pulse p;
        while ((p = schedule.next(limitNanos)) != null) {
            pulses.add(p);
        }
        return pulses;
    }

    @Test
    void aSteady3600WattLoadAt1000ImpulsesPerKWhPulsesOncePerSecond() {
        PulseSchedule schedule = new PulseSchedule(s -> 3600, new PulseConstant(1000));
        List<PulseSchedule.Pulse> pulses = all(schedule, 10 * SECOND + 1);
        assertThat(pulses).hasSize(10);
        for (int i = 0; i < pulses.size(); i++) {
            assertThat(pulses.get(i)).isEqualTo(new PulseSchedule.Pulse(Direction.IMPORT, (i + 1) * SECOND));
        }
    }

    @Test
    void aFractionalPulseEnergyLandsAtTheExactMicrosecond() {
        // 1000 W at 800 imp/kWh: one pulse is 1.25 Wh = 4500 J, so one every 4.5 s
        PulseSchedule schedule = new PulseSchedule(s -> 1000, new PulseConstant(800));
        assertThat(all(schedule, 20 * SECOND))
                .extracting(PulseSchedule.Pulse::profileNanos)
                .containsExactly(4_500_000_000L, 9_000_000_000L, 13_500_000_000L, 18_000_000_000L);
    }

    @Test
    void exportingSecondsPulseTheExportInput() {
        PulseSchedule schedule = new PulseSchedule(s -> s < 5 ? 7200 : -7200, new PulseConstant(1000));
        List<PulseSchedule.Pulse> pulses = all(schedule, 10 * SECOND);
        assertThat(pulses).filteredOn(p -> p.direction() == Direction.IMPORT).hasSize(10);
        assertThat(pulses).filteredOn(p -> p.direction() == Direction.EXPORT).hasSize(9); // the 10th ends at 10 s
        assertThat(schedule.profileJoules(Direction.IMPORT)).isEqualTo(5 * 7200);
        assertThat(schedule.profileJoules(Direction.EXPORT)).isEqualTo(5 * 7200);
    }

    @Test
    void everyProfileIsTurnedIntoPulsesWithoutLosingOrInventingEnergy() {
        for (ProfileKind kind : ProfileKind.values()) {
            for (long seed = 1; seed <= 3; seed++) {
                int impulses = 800;
                PulseSchedule schedule = new PulseSchedule(kind.create(seed, 7000, 0), new PulseConstant(impulses));
                List<PulseSchedule.Pulse> pulses = all(schedule, 24 * 3600 * SECOND);
                for (Direction d : Direction.values()) {
                    long count = pulses.stream().filter(p -> p.direction() == d).count();
                    long profileUnits = schedule.profileJoules(d) * impulses;
                    long pulseUnits = count * PulseSchedule.UNITS_PER_PULSE;
                    assertThat(profileUnits - pulseUnits)
                            .as("%s seed %d %s", kind, seed, d)
                            .isBetween(0L, PulseSchedule.UNITS_PER_PULSE);
                }
                for (int i = 1; i < pulses.size(); i++) {
                    assertThat(pulses.get(i).profileNanos())
                            .isGreaterThan(pulses.get(i - 1).profileNanos());
                }
                assertThat(pulses).as("%s makes pulses in a day", kind).isNotEmpty();
            }
        }
    }

    private static List<PulseSchedule.Pulse> prosumerDay(long seed) {
        return all(
                new PulseSchedule(ProfileKind.PROSUMER.create(seed, 5000, 0), new PulseConstant(1000)),
                24 * 3600 * SECOND);
    }

    @Test
    void theSameSeedGivesTheSamePulsesAndAnotherSeedDoesNot() {
        List<PulseSchedule.Pulse> a = prosumerDay(42);
        List<PulseSchedule.Pulse> b = prosumerDay(42);
        List<PulseSchedule.Pulse> c = prosumerDay(43);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }
}
