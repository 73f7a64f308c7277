package org.ebc.hardware.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.ebc.config.Settings;
import org.junit.jupiter.api.Test;

class TtySerialLineTest {

    @Test
    void sttyPutsTheLineIntoRawModeWithTheMetersFraming() {
        ModbusConfig config = ModbusConfig.fromSettings(Settings.of(Map.of(
                ModbusConfig.DEVICE,
                "/dev/ttyUSB0",
                ModbusConfig.BAUD,
                "19200",
                ModbusConfig.PARITY,
                "even",
                ModbusConfig.STOP_BITS,
                "1")));
        assertThat(TtySerialLine.sttyCommand(config))
                .startsWith("stty", "-F", "/dev/ttyUSB0", "19200", "cs8", "parenb", "-parodd", "-cstopb", "raw")
                .contains("-crtscts", "clocal", "-echo")
                .endsWith("min", "0", "time", "0");
        ModbusConfig odd2 = ModbusConfig.fromSettings(Settings.of(
                Map.of(ModbusConfig.DEVICE, "/dev/ttyAMA0", ModbusConfig.PARITY, "odd", ModbusConfig.STOP_BITS, "2")));
        assertThat(TtySerialLine.sttyCommand(odd2))
                .contains("parenb", "parodd", "cstopb")
                .doesNotContain("-cstopb");
    }

    @Test
    void aMissingDeviceFailsToOpenWithItsName() {
        ModbusConfig config =
                ModbusConfig.fromSettings(Settings.of(Map.of(ModbusConfig.DEVICE, "/dev/ttyEBC-missing")));
        assertThatThrownBy(() -> TtySerialLine.open(config))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/dev/ttyEBC-missing");
    }
}
