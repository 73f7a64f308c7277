package org.ebc.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.units.EagId;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;
import org.ebc.wire.Ack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox and quarantine against a real SQLite file. */
class OutboxTest {
    private static final NodeId NODE = NodeId.of("n1");
    private static final EagId EAG = EagId.of("eag-1");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private AgentDatabase db;
    private Outbox outbox;

    @BeforeEach
    void fill() {
        db = AgentDatabase.open(dir.resolve("agent.db"));
        MeterStateStore.loadOrCreate(db, NODE, MeterSerial.of("M1"), T0);
        LinkStore.started(db, 1, T0);
        outbox = new Outbox(db, 1000);
        for (long page = 1; page <= 10; page++) {
            long p = page;
            outbox.append(
                    new Outbox.Entry(
                            p,
                            ("record " + p).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                            T0.plusSeconds(p),
                            "T",
                            "G",
                            EnergyRegisters.ofWh(p, 0)),
                    c -> {
                        MeterStateStore.save(c, PageCounter.of(p + 1), EnergyRegisters.ofWh(p, 0), T0);
                        return null;
                    });
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Ack ack(List<Ack.PageRange> committed, List<Ack.Rejection> rejected) {
        return new Ack(EAG, NODE, 1, T0.toEpochMilli(), committed, rejected);
    }

    @Test
    void committedPagesLeaveTheOutboxAndTheLastAckIsRecorded() {
        Outbox.AckEffect e = outbox.apply(
                ack(List.of(new Ack.PageRange(1, 4), new Ack.PageRange(6, 6)), List.of()), T0.plusSeconds(60));
        assertThat(e.committed()).isEqualTo(5);
        assertThat(e.highestCommitted()).isEqualTo(6);
        assertThat(outbox.depth()).isEqualTo(5);
        assertThat(outbox.from(0, 100)).extracting(Outbox.Entry::page).containsExactly(5L, 7L, 8L, 9L, 10L);
        assertThat(outbox.firstPage()).isEqualTo(5);
        LinkStore.Link link = db.read(c -> LinkStore.load(c).orElseThrow());
        assertThat(link.lastAckedPage()).isEqualTo(6);
        assertThat(link.lastAck()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aRejectedPageMovesToQuarantineWithTheGatewaysReason() {
        Outbox.AckEffect e = outbox.apply(
                ack(
                        List.of(new Ack.PageRange(1, 2)),
                        List.of(new Ack.Rejection(3, "BAD_SIGNATURE", "does not verify"))),
                T0.plusSeconds(60));
        assertThat(e.quarantined()).containsExactly(3L);
        assertThat(outbox.depth()).isEqualTo(7);
        assertThat(outbox.quarantined()).isEqualTo(1);
        List<Outbox.Quarantined> q = db.read(c -> Outbox.quarantine(c, 10));
        assertThat(q).singleElement().satisfies(x -> {
            assertThat(x.page()).isEqualTo(3);
            assertThat(x.reason()).isEqualTo("BAD_SIGNATURE");
            assertThat(x.detail()).isEqualTo("does not verify");
        });
        assertThat(db.read(EventJournal::counters).get(Counter.RECORDS_QUARANTINED))
                .isEqualTo(1);
    }

    @Test
    void aRepeatedAckChangesNothingTwice() {
        Ack a = ack(List.of(new Ack.PageRange(1, 3)), List.of(new Ack.Rejection(4, "REPLAY", "")));
        outbox.apply(a, T0);
        Outbox.AckEffect again = outbox.apply(a, T0);
        assertThat(again.committed()).isZero();
        assertThat(again.quarantined()).isEmpty();
        assertThat(outbox.depth()).isEqualTo(6);
        assertThat(outbox.quarantined()).isEqualTo(1);
    }

    @Test
    void aPageBothCommittedAndRejectedCountsAsCommitted() {
        outbox.apply(ack(List.of(new Ack.PageRange(5, 5)), List.of(new Ack.Rejection(5, "X", ""))), T0);
        assertThat(outbox.quarantined()).isZero();
        assertThat(outbox.depth()).isEqualTo(9);
    }

    @Test
    void theDepthIsReadBackFromTheFileAfterARestart() {
        outbox.apply(ack(List.of(new Ack.PageRange(1, 2)), List.of(new Ack.Rejection(3, "X", ""))), T0);
        Outbox reopened = new Outbox(db, 1000);
        assertThat(reopened.depth()).isEqualTo(7);
        assertThat(reopened.quarantined()).isEqualTo(1);
    }
}
