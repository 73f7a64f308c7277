package org.ebc.hardware.s0;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Duration;
import org.ebc.hardware.VirtualClock;

/** Drives one mock GPIO input like an S0 output does, in virtual time. */
final class PulseLine {
    private final MockDigitalInput input;
    private final VirtualClock clock;
    private final DigitalState active;
    private final DigitalState idle;

    PulseLine(MockDigitalInput input, VirtualClock clock, boolean activeHigh) {
        this.input = input;
        this.clock = clock;
        this.active = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        this.idle = activeHigh ? DigitalState.LOW : DigitalState.HIGH;
    }

    /** Line on for {@code on}, then off for {@code off}; the edge events fire at the virtual instants. */
    void pulse(Duration on, Duration off) {
        on();
        clock.advance(on);
        off();
        clock.advance(off);
    }

    void on() {
        input.mockState(active);
    }

    void off() {
        input.mockState(idle);
    }

    void hold(Duration d) {
        clock.advance(d);
    }
}
