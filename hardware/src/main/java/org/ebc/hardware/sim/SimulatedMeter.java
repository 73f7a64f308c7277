package org.ebc.hardware.sim;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.Optional;
import org.ebc.config.ConfigException;
import org.ebc.hardware.Direction;
import org.ebc.hardware.EnergyMeter;
import org.ebc.hardware.MeterRead;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.ebc.hardware.s0.S0Config;
import org.ebc.hardware.s0.S0Meter;
import org.ebc.units.MeterSerial;

/**
 * {@code meter.type=simulated}: a real {@link S0Meter} on Pi4J mock GPIO, fed by a {@link MeterSimulator}.
 * Readings come from the S0 driver, exactly as on a real meter (registers since driver start, power from
 * pulse intervals, same faults). Because the driver keeps the real clock, energy accumulates
 * {@code sim.acceleration} times faster than the profile's power would suggest in real time, and the power
 * estimate reads {@code acceleration ×} the profile's power. Thread-safety as {@link S0Meter}.
 */
public final class SimulatedMeter implements EnergyMeter {
    private final S0Meter s0;
    private final MeterSimulator simulator;

    private SimulatedMeter(S0Meter s0, MeterSimulator simulator) {
        this.s0 = s0;
        this.simulator = simulator;
    }

    /**
     * Claims the configured S0 inputs on the mock platform and starts the simulator.
     *
     * @throws ConfigException if the context is not the mock platform, or the simulation is infeasible
     */
    public static SimulatedMeter open(MeterSerial serial, S0Config s0Config, SimulationConfig simConfig, Context pi4j) {
        simConfig.requireFeasibleWith(s0Config);
        S0Meter s0 = S0Meter.open(serial, s0Config, pi4j, System::nanoTime);
        try {
            MockDigitalInput importInput = mock(s0.input(Direction.IMPORT).orElseThrow());
            Optional<MockDigitalInput> exportInput = s0.input(Direction.EXPORT).map(SimulatedMeter::mock);
            return new SimulatedMeter(
                    s0, MeterSimulator.start(simConfig, s0Config, importInput, exportInput, System::nanoTime));
        } catch (RuntimeException e) {
            s0.close();
            throw e;
        }
    }

    private static MockDigitalInput mock(DigitalInput input) {
        if (input instanceof MockDigitalInput m) {
            return m;
        }
        throw new ConfigException(Pi4jContexts.PLATFORM, "", "a simulated meter drives mock GPIO; use platform=mock");
    }

    @Override
    public MeterSerial serial() {
        return s0.serial();
    }

    @Override
    public MeterRead read() {
        return s0.read();
    }

    /** The simulator, for the energy it generated (tests and bench runs compare it with the register). */
    public MeterSimulator simulator() {
        return simulator;
    }

    /** The S0 driver under the simulation. */
    public S0Meter s0() {
        return s0;
    }

    /** Stops the simulator first (finishing a pulse that is on), then releases the mock inputs. */
    @Override
    public void close() {
        simulator.close();
        s0.close();
    }
}
