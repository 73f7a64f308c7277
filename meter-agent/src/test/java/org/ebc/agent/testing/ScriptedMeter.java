package org.ebc.agent.testing;

import java.util.concurrent.atomic.AtomicReference;
import org.ebc.hardware.EnergyMeter;
import org.ebc.hardware.MeterFault;
import org.ebc.hardware.MeterRead;
import org.ebc.hardware.MeterSnapshot;
import org.ebc.hardware.RegisterBase;
import org.ebc.units.Energy;
import org.ebc.units.MeterSerial;
import org.ebc.units.Power;

/**
 * A meter whose next read the test sets, for unit tests of what the agent does with each kind of read
 * (the integration tests use the hardware module's simulated S0 meter on Pi4J mock GPIO). Thread-safe.
 */
public final class ScriptedMeter implements EnergyMeter {
    private final MeterSerial serial;
    private final AtomicReference<MeterRead> next = new AtomicReference<>();
    private volatile boolean closed;

    public ScriptedMeter(String serial, RegisterBase base) {
        this.serial = MeterSerial.of(serial);
        registers(0, 0, base);
    }

    /** Every following read returns these registers (Wh). */
    public ScriptedMeter registers(long importWh, long exportWh, RegisterBase base) {
        next.set(new MeterRead.Ok(new MeterSnapshot(Energy.ofWh(importWh), Energy.ofWh(exportWh), Power.ZERO, base)));
        return this;
    }

    /** Every following read fails with {@code fault}. */
    public ScriptedMeter fails(MeterFault fault) {
        next.set(new MeterRead.Failed(fault, "scripted " + fault));
        return this;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public MeterSerial serial() {
        return serial;
    }

    @Override
    public MeterRead read() {
        return next.get();
    }

    @Override
    public void close() {
        closed = true;
    }
}
