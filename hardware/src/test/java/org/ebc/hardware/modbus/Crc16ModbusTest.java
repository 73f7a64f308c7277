package org.ebc.hardware.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.hardware.modbus.ScriptedModbusBus.hex;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16ModbusTest {

    @Test
    void theCatalogueCheckValueOf123456789Is4B37() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc16Modbus.of(data, 0, data.length)).isEqualTo(0x4B37);
    }

    @Test
    void eastronsExampleRequestForVoltageL1CarriesCrc71CB() {
        // Eastron protocol document: read 2 input registers from 0x0000 of unit 1 is 01 04 00 00 00 02 71 CB
        assertThat(Crc16Modbus.append(hex("01 04 00 00 00 02"))).isEqualTo(hex("01 04 00 00 00 02 71 CB"));
        assertThat(ModbusRtuMaster.readInputRegistersRequest(1, 0x0000, 2)).isEqualTo(hex("01 04 00 00 00 02 71 CB"));
    }

    @Test
    void aFlippedBitAnywhereBreaksTheMatch() {
        byte[] frame = hex("01 84 02 C2 C1"); // the textbook "illegal data address" exception frame
        assertThat(Crc16Modbus.matches(frame, frame.length)).isTrue();
        for (int i = 0; i < frame.length * 8; i++) {
            byte[] bad = frame.clone();
            bad[i / 8] ^= (byte) (1 << (i % 8));
            assertThat(Crc16Modbus.matches(bad, bad.length))
                    .as("bit %d flipped", i)
                    .isFalse();
        }
    }
}
