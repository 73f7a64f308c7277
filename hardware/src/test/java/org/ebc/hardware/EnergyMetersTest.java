package org.ebc.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.hardware.modbus.ModbusMeter;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.ebc.hardware.s0.S0Meter;
import org.ebc.hardware.sim.SimulatedMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnergyMetersTest {
    private static final Path SAMPLE = Path.of("src/deploy/meter.properties.sample");
    private final Context pi4j = Pi4jContexts.mock();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private static Settings settings(String... keyValues) {
        Map<String, String> m = new HashMap<>(Map.of(EnergyMeters.SERIAL, "EM-0001"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Settings.of(m);
    }

    @Test
    void anS0MeterIsOpenedOnTheContextsGpio() {
        try (EnergyMeter meter = EnergyMeters.open(
                settings(EnergyMeters.TYPE, "s0", "meter.s0.import.pin", "17", "meter.s0.impulses-per-kwh", "1000"),
                pi4j)) {
            assertThat(meter).isInstanceOf(S0Meter.class);
            assertThat(meter.serial().value()).isEqualTo("EM-0001");
            assertThat(meter.read())
                    .isEqualTo(new MeterRead.Ok(new MeterSnapshot(
                            org.ebc.units.Energy.ZERO,
                            org.ebc.units.Energy.ZERO,
                            org.ebc.units.Power.ZERO,
                            RegisterBase.SINCE_DRIVER_START)));
        }
    }

    @Test
    void aModbusMeterOverPi4jsLoopbackSerialNeverReturnsAValue() {
        try (EnergyMeter meter = EnergyMeters.open(
                settings(
                        EnergyMeters.TYPE,
                        "modbus",
                        "meter.modbus.device",
                        "/dev/ttyS0",
                        "meter.modbus.transport",
                        "pi4j",
                        "meter.modbus.timeout",
                        "50ms",
                        "meter.modbus.retries",
                        "0"),
                pi4j)) {
            assertThat(meter).isInstanceOf(ModbusMeter.class);
            MeterRead read = meter.read();
            assertThat(read).isInstanceOf(MeterRead.Failed.class);
            assertThat(((MeterRead.Failed) read).fault()).isEqualTo(MeterFault.MALFORMED_FRAME);
        }
    }

    @Test
    void aModbusDeviceThatCannotBeOpenedIsAConfigErrorNamingTheDevice() {
        assertThatThrownBy(() -> EnergyMeters.open(
                        settings(EnergyMeters.TYPE, "modbus", "meter.modbus.device", "/dev/ttyEBC-missing"), pi4j))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.modbus.device")
                .hasMessageContaining("/dev/ttyEBC-missing");
    }

    @Test
    void theShippedSampleRunsASimulatedMeterWhoseRegisterFollowsItsPulses() throws IOException {
        Settings sample = Settings.load(SAMPLE).with(Map.of("sim.acceleration", "10", "sim.start-time", "12:00"));
        sample.rejectUnknownKeys(EnergyMeters.knownKeys());
        try (EnergyMeter meter = EnergyMeters.open(sample, Pi4jContexts.fromSettings(sample))) {
            assertThat(meter).isInstanceOf(SimulatedMeter.class);
            SimulatedMeter sim = (SimulatedMeter) meter;
            await().atMost(Duration.ofSeconds(30)).until(() -> sim.simulator().generatedPulses(Direction.EXPORT) >= 3);
            sim.simulator().close();
            MeterRead read = meter.read();
            assertThat(read).isInstanceOf(MeterRead.Ok.class);
            assertThat(((MeterRead.Ok) read).snapshot().exportEnergy())
                    .isEqualTo(sim.simulator().generatedEnergy(Direction.EXPORT));
            assertThat(((MeterRead.Ok) read).snapshot().power().watts()).isNegative();
        }
    }

    @Test
    void everyKnownKeyIsDocumentedInTheSampleAndNoOther() throws IOException {
        Pattern keyLine = Pattern.compile("^#?\\s*([a-z0-9][a-z0-9.-]*)\\s*=.*$");
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(SAMPLE)) {
            Matcher m = keyLine.matcher(line);
            if (m.matches()) {
                documented.add(m.group(1));
            }
        }
        assertThat(documented).isEqualTo(new TreeSet<>(EnergyMeters.knownKeys()));
    }

    @Test
    void typeAndSerialAreRequiredAndChecked() {
        assertThatThrownBy(() -> EnergyMeters.open(settings(), pi4j))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.type");
        assertThatThrownBy(() -> EnergyMeters.open(settings(EnergyMeters.TYPE, "smart"), pi4j))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.type")
                .hasMessageContaining("smart");
        assertThatThrownBy(() -> EnergyMeters.open(Settings.of(Map.of(EnergyMeters.TYPE, "s0")), pi4j))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.serial");
        assertThatThrownBy(() -> EnergyMeters.open(settings(EnergyMeters.TYPE, "s0", EnergyMeters.SERIAL, "a/b"), pi4j))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("meter.serial")
                .hasMessageContaining("a/b");
    }
}
