package org.ebc.hardware.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.ebc.config.Settings;
import org.ebc.hardware.MeterFault;
import org.ebc.hardware.MeterRead;
import org.ebc.hardware.MeterSnapshot;
import org.ebc.hardware.RegisterBase;
import org.ebc.hardware.VirtualClock;
import org.ebc.units.MeterSerial;
import org.junit.jupiter.api.Test;

/** An SDM630 on a scripted bus: golden frames in, registers or faults out — never a wrong value. */
class ModbusMeterTest {
    private static final MeterSerial SERIAL = MeterSerial.of("SDM630-0001");

    // Request: unit 1, function 04 (read input registers), start 0x0048 = 30073 "import active energy
    // total", 4 registers (import and export kWh, float32 each), CRC 71 DF.
    private static final String ENERGY_REQUEST = "01 04 00 48 00 04 71 DF";
    // Answer: unit 1, function 04, 8 bytes; 44 9A 51 EC = 1234.56 kWh import, 42 9D CC CD = 78.9 kWh export
    // (IEEE-754 big-endian, high word first); CRC 96 92.
    private static final String ENERGY_ANSWER = "01 04 08 44 9A 51 EC 42 9D CC CD 96 92";
    // Request: start 0x0034 = 30053 "total system power", 2 registers; CRC 30 05.
    private static final String POWER_REQUEST = "01 04 00 34 00 02 30 05";
    // Answer: 4 bytes; 45 12 99 9A = 2345.6 W; CRC A4 B6.
    private static final String POWER_ANSWER = "01 04 04 45 12 99 9A A4 B6";

    private final ScriptedModbusBus bus = new ScriptedModbusBus();

    private ModbusMeter sdm630(int retries) {
        ModbusConfig config = ModbusConfig.fromSettings(Settings.of(
                Map.of(ModbusConfig.DEVICE, "/dev/ttyAMA0", ModbusConfig.RETRIES, String.valueOf(retries))));
        return ModbusMeter.open(SERIAL, config, bus, new VirtualClock());
    }

    private static MeterRead.Failed failed(MeterRead read) {
        assertThat(read).isInstanceOf(MeterRead.Failed.class);
        return (MeterRead.Failed) read;
    }

    @Test
    void anSdm630GoldenAnswerDecodesToWholeWattHours() {
        bus.on(ENERGY_REQUEST, ENERGY_ANSWER).on(POWER_REQUEST, POWER_ANSWER);
        MeterRead read = sdm630(0).read();

        assertThat(read).isInstanceOf(MeterRead.Ok.class);
        MeterSnapshot s = ((MeterRead.Ok) read).snapshot();
        assertThat(s.importEnergy().wh()).isEqualTo(1_234_560); // 1234.56 kWh as the display shows it
        assertThat(s.exportEnergy().wh()).isEqualTo(78_900);
        assertThat(s.power().watts()).isEqualTo(2346); // 2345.6 W, half-up
        assertThat(s.base()).isEqualTo(RegisterBase.METER_ABSOLUTE);
        assertThat(bus.unexpectedRequests()).isEmpty();
        assertThat(bus.scriptUsedUp()).isTrue();
    }

    @Test
    void exportingPowerKeepsItsNegativeSign() {
        // C4 BE 0C CD = -1520.4 W; CRC 62 05
        bus.on(ENERGY_REQUEST, ENERGY_ANSWER).on(POWER_REQUEST, "01 04 04 C4 BE 0C CD 62 05");
        MeterRead read = sdm630(0).read();
        assertThat(((MeterRead.Ok) read).snapshot().power().watts()).isEqualTo(-1520);
    }

    @Test
    void aBadCrcIsACrcErrorNotAValue() {
        bus.on(ENERGY_REQUEST, "01 04 08 44 9A 51 EC 42 9D CC CD 96 93"); // CRC high byte 92 → 93
        assertThat(failed(sdm630(0).read()).fault()).isEqualTo(MeterFault.CRC_ERROR);
    }

    @Test
    void silenceIsATimeoutNotAValue() {
        bus.on(ENERGY_REQUEST).on(ENERGY_REQUEST);
        MeterRead.Failed f = failed(sdm630(1).read());
        assertThat(f.fault()).isEqualTo(MeterFault.TIMEOUT);
        assertThat(bus.written()).hasSize(2);
    }

    @Test
    void anExceptionResponseIsReportedNotAValue() {
        bus.on(ENERGY_REQUEST, "01 84 02 C2 C1"); // exception 02: illegal data address
        MeterRead.Failed f = failed(sdm630(2).read());
        assertThat(f.fault()).isEqualTo(MeterFault.EXCEPTION_RESPONSE);
        assertThat(f.detail()).contains("illegal data address");
    }

    @Test
    void aShortFrameIsMalformedNotAValue() {
        bus.on(ENERGY_REQUEST, "01 04 08 44 9A 51"); // 6 of 13 bytes
        assertThat(failed(sdm630(0).read()).fault()).isEqualTo(MeterFault.MALFORMED_FRAME);
    }

    @Test
    void aFailedPowerRequestFailsTheWholeRead() {
        bus.on(ENERGY_REQUEST, ENERGY_ANSWER).on(POWER_REQUEST, "01 04 04 45 12");
        assertThat(failed(sdm630(0).read()).fault()).isEqualTo(MeterFault.MALFORMED_FRAME);
    }

    @Test
    void aNotANumberRegisterIsImplausible() {
        // 7F C0 00 00 = NaN in the import register, with a valid CRC (B2 66): intact but meaningless
        bus.on(ENERGY_REQUEST, "01 04 08 7F C0 00 00 42 9D CC CD B2 66").on(POWER_REQUEST, POWER_ANSWER);
        MeterRead.Failed f = failed(sdm630(0).read());
        assertThat(f.fault()).isEqualTo(MeterFault.IMPLAUSIBLE);
        assertThat(f.detail()).contains("NaN");
    }

    @Test
    void aRegisterThatGoesBackwardsIsImplausible() {
        ModbusMeter meter = sdm630(0);
        bus.on(ENERGY_REQUEST, ENERGY_ANSWER).on(POWER_REQUEST, POWER_ANSWER);
        assertThat(meter.read()).isInstanceOf(MeterRead.Ok.class);
        // 44 9A 40 00 = 1234.0 kWh: 560 Wh less than before; CRC 04 04
        bus.on(ENERGY_REQUEST, "01 04 08 44 9A 40 00 42 9D CC CD 04 04").on(POWER_REQUEST, POWER_ANSWER);
        MeterRead.Failed f = failed(meter.read());
        assertThat(f.fault()).isEqualTo(MeterFault.IMPLAUSIBLE);
        assertThat(f.detail()).contains("backwards", "1234560 Wh", "1234000 Wh");
        // and the good value is still the reference afterwards
        bus.on(ENERGY_REQUEST, ENERGY_ANSWER).on(POWER_REQUEST, POWER_ANSWER);
        assertThat(meter.read()).isInstanceOf(MeterRead.Ok.class);
    }

    @Test
    void anSdm120ReadsItsActivePowerRegister() {
        // Request: start 0x000C = 30013 "active power", 2 registers; CRC B1 C8. Same answer bytes as above.
        bus.on(ENERGY_REQUEST, ENERGY_ANSWER).on("01 04 00 0C 00 02 B1 C8", POWER_ANSWER);
        ModbusConfig config = ModbusConfig.fromSettings(Settings.of(
                Map.of(ModbusConfig.DEVICE, "/dev/ttyUSB0", ModbusConfig.MODEL, "sdm120", ModbusConfig.BAUD, "2400")));
        MeterRead read =
                ModbusMeter.open(SERIAL, config, bus, new VirtualClock()).read();
        assertThat(((MeterRead.Ok) read).snapshot().power().watts()).isEqualTo(2346);
        assertThat(bus.unexpectedRequests()).isEmpty();
    }

    @Test
    void aClosedMeterReleasesTheLineAndReportsDisconnected() {
        ModbusMeter meter = sdm630(0);
        meter.close();
        assertThat(bus.isClosed()).isTrue();
        assertThat(failed(meter.read()).fault()).isEqualTo(MeterFault.DISCONNECTED);
        assertThat(bus.written()).isEmpty();
    }

    @Test
    void theInterFrameGapIsThreeAndAHalfCharacterTimes() {
        ModbusConfig at9600 = ModbusConfig.fromSettings(Settings.of(Map.of(ModbusConfig.DEVICE, "/dev/x")));
        // 8N1 = 10 bits per character: 3.5 × 10 / 9600 s
        assertThat(at9600.interFrameGap()).isEqualTo(Duration.ofNanos(35L * 1_000_000_000L / 9600));
        ModbusConfig at38400 = ModbusConfig.fromSettings(
                Settings.of(Map.of(ModbusConfig.DEVICE, "/dev/x", ModbusConfig.BAUD, "38400")));
        assertThat(at38400.interFrameGap()).isEqualTo(Duration.ofNanos(1_750_000));
    }
}
