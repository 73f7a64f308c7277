package org.ebc.agent.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ebc.agent.config.AgentConfig.FaultPolicy;
import org.ebc.agent.config.ClockStatusPolicy;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.Counter;
import org.ebc.agent.store.EventJournal;
import org.ebc.agent.store.MeterStateStore;
import org.ebc.agent.store.Outbox;
import org.ebc.agent.testing.MutableClock;
import org.ebc.agent.testing.ScriptedMeter;
import org.ebc.hardware.MeterFault;
import org.ebc.hardware.RegisterBase;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReading;
import org.ebc.ocmf.OcmfResult;
import org.ebc.ocmf.OcmfVerifier;
import org.ebc.testing.TestAuthority;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading path against a real SQLite file and real signatures; the meter is scripted. */
class ReadingRecorderTest {
    private static final NodeId NODE = NodeId.of("node-7");
    private static final MeterSerial METER = MeterSerial.of("SIM-7");
    private static final TestAuthority AUTHORITY = TestAuthority.create();
    private static final TestAuthority.Issued KEYS = AUTHORITY.node(NODE.value(), METER.value());

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private AgentDatabase db;
    private Outbox outbox;

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private ReadingRecorder open(ScriptedMeter meter, long outboxLimit, FaultPolicy policy) {
        if (db != null) {
            db.close(); // a fresh connection, as after a restart
        }
        db = AgentDatabase.open(dir.resolve("agent.db"));
        outbox = new Outbox(db, outboxLimit);
        RecordSigner signer =
                new RecordSigner(NODE, METER, "scripted", "test", KEYS.keys().getPrivate());
        return new ReadingRecorder(
                NODE,
                db,
                outbox,
                meter,
                signer,
                MeterStateStore.loadOrCreate(db, NODE, METER, clock.instant()),
                policy,
                ClockStatusPolicy.fixed(ClockStatus.S),
                clock);
    }

    private OcmfPayload verified(Outbox.Entry e) {
        OcmfResult r =
                OcmfVerifier.verifyThenParse(e.record(), KEYS.certificate().getPublicKey());
        assertThat(r.isOk()).as(r.detail()).isTrue();
        return r.record().payload();
    }

    private List<Outbox.Entry> records() {
        return outbox.from(0, 10_000);
    }

    @Test
    void everyReadingIsSignedUnderTheNextPageWithBothRegistersInWh() {
        ScriptedMeter meter = new ScriptedMeter(METER.value(), RegisterBase.SINCE_DRIVER_START);
        ReadingRecorder r = open(meter, 100, FaultPolicy.SIGN);
        for (int i = 1; i <= 5; i++) {
            meter.registers(i * 10L, i, RegisterBase.SINCE_DRIVER_START);
            clock.advance(Duration.ofSeconds(10));
            assertThat(r.record(i == 5 ? ReadingReason.SLOT_BORDER : ReadingReason.PERIODIC))
                    .isEqualTo(ReadingRecorder.Result.SIGNED);
        }
        List<Outbox.Entry> out = records();
        assertThat(out).extracting(Outbox.Entry::page).containsExactly(1L, 2L, 3L, 4L, 5L);
        OcmfPayload last = verified(out.get(4));
        assertThat(last.gatewaySerial()).isEqualTo(NODE.value());
        assertThat(last.meterSerial()).isEqualTo(METER.value());
        assertThat(last.page().value()).isEqualTo(5);
        assertThat(last.importRegister())
                .hasValueSatisfying(e -> assertThat(e.wh()).isEqualTo(50));
        assertThat(last.exportRegister())
                .hasValueSatisfying(e -> assertThat(e.wh()).isEqualTo(5));
        OcmfReading imported = last.reading("1-0:1.8.0").orElseThrow();
        assertThat(imported.transaction()).isEqualTo("B");
        assertThat(imported.clock()).isEqualTo(ClockStatus.S);
        assertThat(imported.time()).isEqualTo(clock.instant());
        assertThat(imported.isGood()).isTrue();
        assertThat(verified(out.get(0)).reading("1-0:2.8.0").orElseThrow().transaction())
                .isEqualTo("T");
        assertThat(r.nextPage().value()).isEqualTo(6);
    }

    @Test
    void aRestartContinuesThePageCounterAndTheRegistersFromTheFile() {
        ScriptedMeter first = new ScriptedMeter(METER.value(), RegisterBase.SINCE_DRIVER_START);
        ReadingRecorder r = open(first, 100, FaultPolicy.SIGN);
        first.registers(700, 30, RegisterBase.SINCE_DRIVER_START);
        r.record(ReadingReason.PERIODIC);
        first.registers(900, 40, RegisterBase.SINCE_DRIVER_START);
        r.record(ReadingReason.PERIODIC);

        // The S0 driver counts from zero again after the restart.
        ScriptedMeter second = new ScriptedMeter(METER.value(), RegisterBase.SINCE_DRIVER_START);
        ReadingRecorder again = open(second, 100, FaultPolicy.SIGN);
        assertThat(again.nextPage().value()).isEqualTo(3);
        second.registers(5, 1, RegisterBase.SINCE_DRIVER_START);
        again.record(ReadingReason.PERIODIC);

        OcmfPayload third = verified(records().get(2));
        assertThat(third.page().value()).isEqualTo(3);
        assertThat(third.importRegister().orElseThrow().wh()).isEqualTo(905);
        assertThat(third.exportRegister().orElseThrow().wh()).isEqualTo(41);
    }

    @Test
    void anAbsoluteMeterThatGoesBackwardsIsSignedAsAFaultWithTheHeldRegisters() {
        ScriptedMeter meter = new ScriptedMeter(METER.value(), RegisterBase.METER_ABSOLUTE)
                .registers(50_000, 2_000, RegisterBase.METER_ABSOLUTE);
        ReadingRecorder r = open(meter, 100, FaultPolicy.SIGN);
        r.record(ReadingReason.PERIODIC);
        meter.registers(10, 0, RegisterBase.METER_ABSOLUTE);
        assertThat(r.record(ReadingReason.PERIODIC)).isEqualTo(ReadingRecorder.Result.SIGNED_FAULT);

        OcmfReading fault = verified(records().get(1)).reading("1-0:1.8.0").orElseThrow();
        assertThat(fault.value().wh()).isEqualTo(50_000);
        assertThat(fault.status()).isEqualTo("M");
        assertThat(fault.errorFlags()).isEqualTo("E");
        assertThat(r.registers()).isEqualTo(EnergyRegisters.ofWh(50_000, 2_000));
        assertThat(events()).extracting(EventJournal.Entry::kind).contains("REGISTER_WENT_BACKWARDS");
    }

    @Test
    void aFailedReadIsSignedAsAFaultRecordAndTheRecoveryIsAnEvent() {
        ScriptedMeter meter = new ScriptedMeter(METER.value(), RegisterBase.SINCE_DRIVER_START)
                .registers(100, 0, RegisterBase.SINCE_DRIVER_START);
        ReadingRecorder r = open(meter, 100, FaultPolicy.SIGN);
        r.record(ReadingReason.PERIODIC);
        meter.fails(MeterFault.TIMEOUT);
        assertThat(r.record(ReadingReason.PERIODIC)).isEqualTo(ReadingRecorder.Result.SIGNED_FAULT);
        assertThat(r.record(ReadingReason.PERIODIC)).isEqualTo(ReadingRecorder.Result.SIGNED_FAULT);
        meter.registers(130, 0, RegisterBase.SINCE_DRIVER_START);
        assertThat(r.record(ReadingReason.PERIODIC)).isEqualTo(ReadingRecorder.Result.SIGNED);

        List<Outbox.Entry> out = records();
        OcmfReading timeout = verified(out.get(1)).reading("1-0:1.8.0").orElseThrow();
        assertThat(timeout.status()).isEqualTo("T");
        assertThat(timeout.errorFlags()).isEqualTo("E");
        assertThat(timeout.value().wh()).isEqualTo(100);
        assertThat(verified(out.get(3)).importRegister().orElseThrow().wh()).isEqualTo(130);
        assertThat(events())
                .extracting(EventJournal.Entry::kind)
                .containsSubsequence("METER_RECOVERED", "METER_FAULT"); // newest first
        assertThat(counters().get(Counter.FAULT_RECORDS_SIGNED)).isEqualTo(2);
    }

    @Test
    void withTheSkipPolicyAFailedReadSignsNothingAndIsCounted() {
        ScriptedMeter meter =
                new ScriptedMeter(METER.value(), RegisterBase.SINCE_DRIVER_START).fails(MeterFault.DISCONNECTED);
        ReadingRecorder r = open(meter, 100, FaultPolicy.SKIP);
        assertThat(r.record(ReadingReason.PERIODIC)).isEqualTo(ReadingRecorder.Result.SKIPPED_METER_FAULT);
        assertThat(r.record(ReadingReason.PERIODIC)).isEqualTo(ReadingRecorder.Result.SKIPPED_METER_FAULT);
        assertThat(records()).isEmpty();
        assertThat(r.nextPage().value()).isEqualTo(1);
        assertThat(counters().get(Counter.READINGS_SKIPPED_METER_FAULT)).isEqualTo(2);
        assertThat(events()).extracting(EventJournal.Entry::kind).containsOnlyOnce("METER_FAULT");
    }

    @Test
    void aCommitThatFailsConsumesNoPageAndLosesNoEnergy() throws Exception {
        ScriptedMeter meter = new ScriptedMeter(METER.value(), RegisterBase.SINCE_DRIVER_START)
                .registers(10, 0, RegisterBase.SINCE_DRIVER_START);
        ReadingRecorder r = open(meter, 100, FaultPolicy.SIGN);
        r.record(ReadingReason.PERIODIC);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("agent.db"));
                Statement s = other.createStatement()) {
            s.execute("ALTER TABLE outbox RENAME TO outbox_away"); // the next insert fails, as on a broken disk
            meter.registers(25, 0, RegisterBase.SINCE_DRIVER_START);
            assertThat(r.record(ReadingReason.PERIODIC)).isEqualTo(ReadingRecorder.Result.STORE_FAILED);
            s.execute("ALTER TABLE outbox_away RENAME TO outbox");
        }
        assertThat(r.nextPage().value()).isEqualTo(2);
        meter.registers(40, 0, RegisterBase.SINCE_DRIVER_START);
        assertThat(r.record(ReadingReason.PERIODIC)).isEqualTo(ReadingRecorder.Result.SIGNED);
        OcmfPayload second = verified(records().get(1));
        assertThat(second.page().value()).isEqualTo(2);
        assertThat(second.importRegister().orElseThrow().wh()).isEqualTo(40);
        assertThat(db.read(c -> MeterStateStore.load(c).orElseThrow()).registers())
                .isEqualTo(EnergyRegisters.ofWh(40, 0));
    }

    private List<EventJournal.Entry> events() {
        return db.read(c -> EventJournal.latest(c, 100));
    }

    private Map<Counter, Long> counters() {
        return db.read(EventJournal::counters);
    }
}
