package org.ebc.agent.register;

import org.ebc.hardware.MeterSnapshot;
import org.ebc.hardware.RegisterBase;
import org.ebc.units.Energy;

/**
 * Turns meter snapshots into the node's durable registers, which never go backwards.
 *
 * <ul>
 *   <li>{@link RegisterBase#SINCE_DRIVER_START} (S0 pulses counted in RAM): the durable register is the
 *       persisted value plus what the driver counted since the last accepted snapshot. After a restart the
 *       driver counts from 0 again and the agent continues from the persisted value, never lower. Pulses
 *       counted but not yet persisted when the process dies are lost (at most one reading interval's worth):
 *       an S0 line has no memory to read them back from.
 *   <li>{@link RegisterBase#METER_ABSOLUTE} (the meter's own registers): the durable register is the
 *       meter's value. A value below the persisted one means the meter was exchanged, reset or tampered
 *       with; it becomes {@link Outcome.WentBackwards}, never a lower register.
 * </ul>
 *
 * <p>Two steps, so that a failed database commit loses nothing: {@link #propose} computes the new
 * registers, {@link #accept} adopts them once they are persisted.
 *
 * <p>Not thread-safe: owned by the agent thread.
 */
public final class RegisterTracker {
    private EnergyRegisters durable;
    /** What the since-start driver had counted at the last accepted snapshot (zero: nothing yet). */
    private EnergyRegisters driverCounted = EnergyRegisters.ZERO;

    public RegisterTracker(EnergyRegisters persisted) {
        this.durable = persisted;
    }

    /** The outcome of applying one snapshot. */
    public sealed interface Outcome {
        /** New durable registers (possibly unchanged), and the driver counts they include. */
        record Advanced(EnergyRegisters registers, EnergyRegisters driverCounted) implements Outcome {}

        /** An absolute meter reported less than the persisted registers. */
        record WentBackwards(EnergyRegisters meter, EnergyRegisters persisted) implements Outcome {}
    }

    public EnergyRegisters current() {
        return durable;
    }

    public Outcome propose(MeterSnapshot s) {
        EnergyRegisters reported = new EnergyRegisters(s.importEnergy(), s.exportEnergy());
        if (s.base() == RegisterBase.METER_ABSOLUTE) {
            if (reported.anyBelow(durable)) {
                return new Outcome.WentBackwards(reported, durable);
            }
            return new Outcome.Advanced(reported, driverCounted);
        }
        EnergyRegisters next = new EnergyRegisters(
                durable.importEnergy().plus(delta(s.importEnergy(), driverCounted.importEnergy())),
                durable.exportEnergy().plus(delta(s.exportEnergy(), driverCounted.exportEnergy())));
        return new Outcome.Advanced(next, reported);
    }

    /** Adopts registers once they are persisted. */
    public void accept(Outcome.Advanced a) {
        if (a.registers().anyBelow(durable)) {
            throw new IllegalStateException("registers never go backwards: " + durable + " -> " + a.registers());
        }
        durable = a.registers();
        driverCounted = a.driverCounted();
    }

    // A since-start count below the previous one means the driver itself was restarted under us: what it
    // reports now was all counted since then.
    private static Energy delta(Energy now, Energy before) {
        return now.isLessThan(before) ? now : now.minus(before);
    }
}
