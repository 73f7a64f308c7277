package org.ebc.hardware.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.Map;
import org.ebc.config.Settings;
import org.ebc.hardware.MeterFault;
import org.ebc.hardware.MeterRead;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.ebc.units.MeterSerial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Pi4J adapter against Pi4J's mock serial provider, which is a loopback: what is written is read back. */
class Pi4jSerialLineTest {
    private final Context pi4j = Pi4jContexts.mock();
    private final ModbusConfig config = ModbusConfig.fromSettings(Settings.of(Map.of(
            ModbusConfig.DEVICE,
            "/dev/ttyS0",
            ModbusConfig.TRANSPORT,
            "pi4j",
            ModbusConfig.RETRIES,
            "0",
            ModbusConfig.TIMEOUT,
            "50ms")));

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void bytesWrittenComeBackThroughTheMockLoopbackAndSilenceTimesOut() throws Exception {
        try (Pi4jSerialLine line = Pi4jSerialLine.open(pi4j, config)) {
            byte[] request = ModbusRtuMaster.readInputRegistersRequest(1, 0x0048, 4);
            line.write(request);
            byte[] buffer = new byte[16];
            int n = line.read(buffer, 0, buffer.length, Duration.ofMillis(100));
            assertThat(java.util.Arrays.copyOf(buffer, n)).isEqualTo(request);

            long start = System.nanoTime();
            assertThat(line.read(buffer, 0, buffer.length, Duration.ofMillis(30)))
                    .isZero();
            assertThat(System.nanoTime() - start)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());

            line.write(request);
            line.discardInput();
            assertThat(line.read(buffer, 0, buffer.length, Duration.ofMillis(5)))
                    .isZero();
        }
        assertThat(pi4j.hasIO(Pi4jSerialLine.idFor(config))).isFalse();
    }

    @Test
    void aMeterHearingItsOwnEchoReportsAMalformedFrameNotAValue() {
        try (ModbusMeter meter = ModbusMeter.open(
                MeterSerial.of("LOOP-1"), config, Pi4jSerialLine.open(pi4j, config), System::nanoTime)) {
            MeterRead read = meter.read();
            assertThat(read).isInstanceOf(MeterRead.Failed.class);
            MeterRead.Failed f = (MeterRead.Failed) read;
            assertThat(f.fault()).isEqualTo(MeterFault.MALFORMED_FRAME);
            assertThat(f.detail()).contains("byte count 0 for 4 registers");
        }
    }
}
