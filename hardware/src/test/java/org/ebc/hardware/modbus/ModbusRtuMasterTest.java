package org.ebc.hardware.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.ebc.hardware.MeterFault;
import org.ebc.hardware.VirtualClock;
import org.junit.jupiter.api.Test;

class ModbusRtuMasterTest {
    /** Unit 1, function 04, from 0x0048 (SDM630 import kWh), 4 registers (import and export float32). */
    private static final String ENERGY_REQUEST = "01 04 00 48 00 04 71 DF";
    /** Unit 1, function 04, 8 data bytes: 44 9A 51 EC = 1234.56 kWh, 42 9D CC CD = 78.9 kWh; CRC 96 92. */
    private static final String ENERGY_ANSWER = "01 04 08 44 9A 51 EC 42 9D CC CD 96 92";

    private final ScriptedModbusBus bus = new ScriptedModbusBus();
    private final ModbusRtuMaster master =
            new ModbusRtuMaster(bus, Duration.ofMillis(500), 2, Duration.ofMillis(4), new VirtualClock());

    private ModbusReply.Failure failure(ModbusReply reply) {
        assertThat(reply).isInstanceOf(ModbusReply.Failure.class);
        return (ModbusReply.Failure) reply;
    }

    private RegisterBlock registers(ModbusReply reply) {
        assertThat(reply).isInstanceOf(ModbusReply.Registers.class);
        return ((ModbusReply.Registers) reply).block();
    }

    @Test
    void aGoldenAnswerGivesTheRegistersAsSent() {
        bus.on(ENERGY_REQUEST, ENERGY_ANSWER);
        RegisterBlock block = registers(master.readInputRegisters(1, 0x0048, 4));
        assertThat(block.registerAt(0x0048)).isEqualTo(0x449A);
        assertThat(block.registerAt(0x004B)).isEqualTo(0xCCCD);
        assertThat(block.float32At(0x0048)).isEqualTo(1234.56f);
        assertThat(block.float32At(0x004A)).isEqualTo(78.9f);
        assertThat(bus.unexpectedRequests()).isEmpty();
    }

    @Test
    void anAnswerArrivingInPiecesIsReassembled() {
        bus.on(ENERGY_REQUEST, "01", "04 08 44", "9A 51 EC 42 9D", "CC CD 96 92");
        assertThat(registers(master.readInputRegisters(1, 0x0048, 4)).float32At(0x004A))
                .isEqualTo(78.9f);
    }

    @Test
    void silenceIsATimeoutAfterEveryRetry() {
        bus.on(ENERGY_REQUEST).on(ENERGY_REQUEST).on(ENERGY_REQUEST);
        ModbusReply.Failure f = failure(master.readInputRegisters(1, 0x0048, 4));
        assertThat(f.fault()).isEqualTo(MeterFault.TIMEOUT);
        assertThat(f.detail()).contains("unit 1", "0x0048", "after 3 attempts");
        assertThat(bus.written()).hasSize(3);
    }

    @Test
    void aCorruptedAnswerIsRetriedAndTheCleanRepeatIsUsed() {
        bus.on(ENERGY_REQUEST, "01 04 08 44 9A 51 EC 42 9D CC CC 96 92") // last data byte CD → CC: CRC fails
                .on(ENERGY_REQUEST, ENERGY_ANSWER);
        assertThat(registers(master.readInputRegisters(1, 0x0048, 4)).float32At(0x0048))
                .isEqualTo(1234.56f);
        assertThat(bus.written()).hasSize(2);
    }

    @Test
    void aBadCrcOnEveryAttemptIsACrcError() {
        String corrupted = "01 04 08 44 9A 51 EC 42 9D CC CD 96 93"; // CRC high byte 92 → 93
        bus.on(ENERGY_REQUEST, corrupted).on(ENERGY_REQUEST, corrupted).on(ENERGY_REQUEST, corrupted);
        assertThat(failure(master.readInputRegisters(1, 0x0048, 4)).fault()).isEqualTo(MeterFault.CRC_ERROR);
    }

    @Test
    void anExceptionAnswerIsReportedWithItsCodeAndNotRetried() {
        // 01 84 02 C2 C1: unit 1, function 04 with the error bit, exception 02 "illegal data address"
        bus.on(ENERGY_REQUEST, "01 84 02 C2 C1");
        ModbusReply.Failure f = failure(master.readInputRegisters(1, 0x0048, 4));
        assertThat(f.fault()).isEqualTo(MeterFault.EXCEPTION_RESPONSE);
        assertThat(f.detail()).contains("exception 2 (illegal data address)");
        assertThat(bus.written()).hasSize(1);
    }

    @Test
    void aFrameCutShortIsMalformed() {
        String cut = "01 04 08 44 9A 51 EC 42"; // 8 of 13 bytes, then silence
        bus.on(ENERGY_REQUEST, cut).on(ENERGY_REQUEST, cut).on(ENERGY_REQUEST, cut);
        ModbusReply.Failure f = failure(master.readInputRegisters(1, 0x0048, 4));
        assertThat(f.fault()).isEqualTo(MeterFault.MALFORMED_FRAME);
        assertThat(f.detail()).contains("short frame: 8 of 13 bytes");
    }

    @Test
    void anAnswerFromAnotherUnitOrWithTheWrongByteCountIsMalformed() {
        // unit 2 answering (valid CRC for its own frame) and a byte count of 4 where 8 were asked for
        bus.on(ENERGY_REQUEST, "02 04 08 44 9A 51 EC 42 9D CC CD 99 D6")
                .on(ENERGY_REQUEST, "01 04 04 44 9A 51 EC F3 46")
                .on(ENERGY_REQUEST, "01 04 04 44 9A 51 EC F3 46");
        ModbusReply.Failure f = failure(master.readInputRegisters(1, 0x0048, 4));
        assertThat(f.fault()).isEqualTo(MeterFault.MALFORMED_FRAME);
        assertThat(f.detail()).contains("byte count 4 for 4 registers");
    }

    @Test
    void anUnpluggedLineIsDisconnectedAtOnce() {
        bus.unplug();
        ModbusReply.Failure f = failure(master.readInputRegisters(1, 0x0048, 4));
        assertThat(f.fault()).isEqualTo(MeterFault.DISCONNECTED);
        assertThat(f.detail()).contains("No such device");
    }

    @Test
    void bytesLeftOnTheLineBeforeARequestAreNotTakenForTheAnswer() {
        bus.noise("01 04 08 00 00"); // the tail of a late answer to an earlier request
        bus.on(ENERGY_REQUEST, ENERGY_ANSWER);
        assertThat(registers(master.readInputRegisters(1, 0x0048, 4)).float32At(0x0048))
                .isEqualTo(1234.56f);
        assertThat(bus.written()).hasSize(1);
    }
}
