package org.ebc.agent.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ebc.agent.cli.MeterAgentCli;
import org.ebc.agent.config.AgentConfig.FaultPolicy;
import org.ebc.agent.config.ClockStatusPolicy;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.Counter;
import org.ebc.agent.store.EventJournal;
import org.ebc.agent.store.LinkStore;
import org.ebc.agent.store.MeterStateStore;
import org.ebc.agent.store.Outbox;
import org.ebc.agent.testing.MutableClock;
import org.ebc.agent.testing.ScriptedMeter;
import org.ebc.hardware.RegisterBase;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.OcmfVerifier;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A tiny outbox limit: nothing already signed is dropped, energy keeps counting, and status says so. */
class OutboxOverflowTest {
    private static final NodeId NODE = NodeId.of("node-of");
    private static final MeterSerial METER = MeterSerial.of("SIM-OF");

    @TempDir
    Path dir;

    @Test
    void aFullOutboxStopsSigningKeepsCountingAndIsReportedByStatus() throws Exception {
        TestAuthority authority = TestAuthority.create();
        TestAuthority.Issued keys = authority.node(NODE.value(), METER.value());
        MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
        Path dataDir = dir.resolve("data");
        Path config = dir.resolve("agent.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "node.id = " + NODE,
                        "eag.id = eag-of",
                        "broker.url = tcp://127.0.0.1:1",
                        "key.dir = " + dir.resolve("keys"),
                        "data.dir = " + dataDir,
                        "outbox.max-records = 3",
                        ""));
        ScriptedMeter meter = new ScriptedMeter(METER.value(), RegisterBase.SINCE_DRIVER_START);

        try (AgentDatabase db = AgentDatabase.open(dataDir.resolve("agent.db"))) {
            LinkStore.started(db, ProcessHandle.current().pid(), clock.instant());
            Outbox outbox = new Outbox(db, 3);
            ReadingRecorder r = new ReadingRecorder(
                    NODE,
                    db,
                    outbox,
                    meter,
                    new RecordSigner(
                            NODE, METER, "scripted", "test", keys.keys().getPrivate()),
                    MeterStateStore.loadOrCreate(db, NODE, METER, clock.instant()),
                    FaultPolicy.SIGN,
                    ClockStatusPolicy.fixed(ClockStatus.U),
                    clock);
            for (int i = 1; i <= 6; i++) {
                meter.registers(i * 100L, 0, RegisterBase.SINCE_DRIVER_START);
                clock.advance(Duration.ofSeconds(10));
                r.record(ReadingReason.PERIODIC);
            }
            assertThat(outbox.depth()).isEqualTo(3);
            assertThat(r.nextPage().value()).isEqualTo(4);
            // The skipped readings still moved the persisted registers: the energy is not lost.
            assertThat(db.read(c -> MeterStateStore.load(c).orElseThrow()).registers())
                    .isEqualTo(EnergyRegisters.ofWh(600, 0));
            assertThat(db.read(EventJournal::counters))
                    .containsEntry(Counter.OUTBOX_FULL_EVENTS, 1L)
                    .containsEntry(Counter.READINGS_SKIPPED_OUTBOX_FULL, 3L)
                    .containsEntry(Counter.RECORDS_SIGNED, 3L);

            StringWriter text = new StringWriter();
            CommandLine cli = MeterAgentCli.newCommandLine();
            cli.setOut(new PrintWriter(text));
            assertThat(cli.execute("status", "--config", config.toString())).isZero();
            assertThat(text.toString())
                    .contains("outbox:       3 records (pages 1..3)")
                    .contains("outbox full:  1 times, 3 readings not signed")
                    .contains("OUTBOX_FULL")
                    .contains("import 600 Wh");

            // The gateway acknowledges: the next record carries everything counted while full.
            outbox.apply(
                    new Ack(EagId.of("eag-of"), NODE, 1, 0, List.of(new Ack.PageRange(1, 3)), List.of()),
                    clock.instant());
            meter.registers(650, 0, RegisterBase.SINCE_DRIVER_START);
            assertThat(r.record(ReadingReason.PERIODIC)).isEqualTo(ReadingRecorder.Result.SIGNED);
            Outbox.Entry next = outbox.from(0, 10).get(0);
            assertThat(next.page()).isEqualTo(4);
            assertThat(OcmfVerifier.verifyThenParse(
                                    next.record(), keys.certificate().getPublicKey())
                            .record()
                            .payload()
                            .importRegister()
                            .orElseThrow()
                            .wh())
                    .isEqualTo(650);
            assertThat(db.read(c -> EventJournal.latest(c, 1)).get(0).kind()).isEqualTo("OUTBOX_RESUMED");
        }
    }
}
