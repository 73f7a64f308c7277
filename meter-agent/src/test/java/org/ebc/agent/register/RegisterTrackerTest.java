package org.ebc.agent.register;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebc.hardware.MeterSnapshot;
import org.ebc.hardware.RegisterBase;
import org.ebc.units.Energy;
import org.ebc.units.Power;
import org.junit.jupiter.api.Test;

class RegisterTrackerTest {

    private static MeterSnapshot snapshot(long importWh, long exportWh, RegisterBase base) {
        return new MeterSnapshot(Energy.ofWh(importWh), Energy.ofWh(exportWh), Power.ZERO, base);
    }

    private static EnergyRegisters advance(RegisterTracker t, MeterSnapshot s) {
        RegisterTracker.Outcome o = t.propose(s);
        assertThat(o).isInstanceOf(RegisterTracker.Outcome.Advanced.class);
        RegisterTracker.Outcome.Advanced a = (RegisterTracker.Outcome.Advanced) o;
        t.accept(a);
        return a.registers();
    }

    @Test
    void aSinceStartMeterContinuesFromThePersistedRegistersAfterARestart() {
        RegisterTracker afterRestart = new RegisterTracker(EnergyRegisters.ofWh(5_000, 700));
        assertThat(advance(afterRestart, snapshot(0, 0, RegisterBase.SINCE_DRIVER_START)))
                .isEqualTo(EnergyRegisters.ofWh(5_000, 700));
        assertThat(advance(afterRestart, snapshot(12, 3, RegisterBase.SINCE_DRIVER_START)))
                .isEqualTo(EnergyRegisters.ofWh(5_012, 703));
        assertThat(advance(afterRestart, snapshot(20, 3, RegisterBase.SINCE_DRIVER_START)))
                .isEqualTo(EnergyRegisters.ofWh(5_020, 703));
    }

    @Test
    void aSinceStartDriverThatRestartsUnderTheAgentNeverLowersTheRegisters() {
        RegisterTracker t = new RegisterTracker(EnergyRegisters.ZERO);
        advance(t, snapshot(100, 10, RegisterBase.SINCE_DRIVER_START));
        assertThat(advance(t, snapshot(4, 1, RegisterBase.SINCE_DRIVER_START)))
                .isEqualTo(EnergyRegisters.ofWh(104, 11));
    }

    @Test
    void aProposalThatIsNotAcceptedIsCountedAgainByTheNextOne() {
        RegisterTracker t = new RegisterTracker(EnergyRegisters.ofWh(50, 0));
        t.propose(snapshot(10, 0, RegisterBase.SINCE_DRIVER_START)); // say the commit failed: not accepted
        assertThat(t.current()).isEqualTo(EnergyRegisters.ofWh(50, 0));
        assertThat(advance(t, snapshot(15, 0, RegisterBase.SINCE_DRIVER_START))).isEqualTo(EnergyRegisters.ofWh(65, 0));
    }

    @Test
    void anAbsoluteMeterIsTakenAsItReads() {
        RegisterTracker t = new RegisterTracker(EnergyRegisters.ofWh(1_000, 0));
        assertThat(advance(t, snapshot(1_250_000, 42, RegisterBase.METER_ABSOLUTE)))
                .isEqualTo(EnergyRegisters.ofWh(1_250_000, 42));
    }

    @Test
    void anAbsoluteMeterBelowThePersistedRegistersWentBackwardsAndChangesNothing() {
        RegisterTracker t = new RegisterTracker(EnergyRegisters.ofWh(9_000, 500));
        RegisterTracker.Outcome o = t.propose(snapshot(9_500, 499, RegisterBase.METER_ABSOLUTE));
        assertThat(o)
                .isEqualTo(new RegisterTracker.Outcome.WentBackwards(
                        EnergyRegisters.ofWh(9_500, 499), EnergyRegisters.ofWh(9_000, 500)));
        assertThat(t.current()).isEqualTo(EnergyRegisters.ofWh(9_000, 500));
    }
}
