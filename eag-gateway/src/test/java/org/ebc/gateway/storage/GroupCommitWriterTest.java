package org.ebc.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ebc.crypto.CertificateSubject;
import org.ebc.gateway.account.NodeRecord;
import org.ebc.gateway.account.SqliteAccountPool;
import org.ebc.gateway.verify.RecordDigest;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.gateway.verify.Rejection;
import org.ebc.gateway.verify.Verdict;
import org.ebc.gateway.verify.VerifiedReading;
import org.ebc.ocmf.ClockStatus;
import org.ebc.testing.TestAuthority;
import org.ebc.units.Energy;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single writer against a real SQLite file: group commits, idempotence, gaps, rejections, failures. */
class GroupCommitWriterTest {
    static final org.ebc.gateway.verify.RatedPowers RATED =
            new org.ebc.gateway.verify.RatedPowers(org.ebc.units.Power.ofWatts(43_470), java.util.Map.of());

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TestAuthority AUTHORITY = TestAuthority.create("test-authority", NOW);

    @TempDir
    Path dir;

    private Path db;
    private final List<CommitReport> reports = new CopyOnWriteArrayList<>();
    private final List<Verdict> failed = new CopyOnWriteArrayList<>();
    private final List<GroupCommitWriter> writers = new ArrayList<>();

    private final GroupCommitWriter.Listener listener = new GroupCommitWriter.Listener() {
        @Override
        public void committed(CommitReport report) {
            reports.add(report);
        }

        @Override
        public void failed(List<Verdict> messages, String error) {
            failed.addAll(messages);
        }
    };

    @BeforeEach
    void bindNodes() throws SQLException {
        db = dir.resolve("gateway.db");
        try (SqliteAccountPool pool = new SqliteAccountPool(GatewayDatabase.openMigrated(db), CLOCK)) {
            for (int i = 0; i < 20; i++) {
                String node = "node-" + i;
                TestAuthority.Issued issued = AUTHORITY.node(node, "M" + i);
                pool.bindNode(NodeRecord.of(
                        issued.certificate(), CertificateSubject.node(node, "owner", "M" + i), NOW, "mqtt"));
            }
        }
    }

    @AfterEach
    void closeWriters() {
        writers.forEach(GroupCommitWriter::close);
    }

    private GroupCommitWriter writer(GroupCommitWriter.Settings settings) throws SQLException {
        GroupCommitWriter w = new GroupCommitWriter(GatewayDatabase.openMigrated(db), CLOCK, settings, RATED, listener);
        writers.add(w);
        return w;
    }

    private GroupCommitWriter writer() throws SQLException {
        return writer(GroupCommitWriter.Settings.defaults());
    }

    static Verdict reading(int node, long page, long importWh) {
        return reading("node-" + node, "M" + node, page, importWh, "");
    }

    static Verdict reading(String node, String meter, long page, long importWh, String variant) {
        byte[] raw = ("OCMF|{\"node\":\"" + node + "\",\"page\":" + page + ",\"import\":" + importWh + variant + "}|{}")
                .getBytes(StandardCharsets.UTF_8);
        return new Verdict.Accepted(new VerifiedReading(
                NodeId.of(node),
                MeterSerial.of(meter),
                page,
                Energy.ofWh(importWh),
                Energy.ofWh(0),
                readingTime(page),
                ClockStatus.S,
                0,
                raw,
                RecordDigest.of(raw),
                "ebc/v1/eag/meter/" + node + "/reading",
                NOW));
    }

    /** A minute per page: realistic spacing, so the plausibility check sees ordinary meters. */
    static Instant readingTime(long page) {
        return NOW.minusSeconds(100_000).plusSeconds(60 * page);
    }

    static Verdict rejection(String node, Long page, RejectReason reason) {
        return new Verdict.Rejected(new Rejection(
                reason,
                "because",
                node == null ? null : NodeId.of(node),
                "some/topic",
                page,
                10,
                NOW,
                node != null && page != null,
                "00112233aabbccdd"));
    }

    private long stored() {
        return reports.stream().mapToLong(CommitReport::stored).sum();
    }

    private long query(String sql) throws SQLException {
        try (Connection c = GatewayDatabase.openReader(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : -1;
        }
    }

    @Test
    void manyReadingsFromManyMetersAreStoredExactlyOnceInFewFsyncedGroups() throws Exception {
        GroupCommitWriter w = writer().start();
        int meters = 20;
        int pages = 2_500;
        long t0 = System.nanoTime();
        for (int p = 1; p <= pages; p++) {
            for (int m = 0; m < meters; m++) {
                w.submit(reading(m, p, p * 10L));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stored() == (long) meters * pages);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double writing = reports.stream().mapToLong(r -> r.duration().toNanos()).sum() / 1e9;
        System.out.printf(
                "group commit: %d readings in %d transactions, %.0f readings/s end to end, %.0f readings/s inside the writer "
                        + "(synchronous=FULL)%n",
                stored(), reports.size(), stored() / seconds, stored() / writing);

        assertThat(query("SELECT COUNT(*) FROM readings")).isEqualTo((long) meters * pages);
        assertThat(query("SELECT COUNT(DISTINCT meter_serial || '/' || page) FROM readings"))
                .isEqualTo((long) meters * pages);
        assertThat(reports.size()).isLessThan(meters * pages / 10);
        assertThat(query("SELECT COUNT(*) FROM gap_events")).isZero();

        for (int m = 0; m < meters; m++) {
            w.submit(reading(m, 500, 5_000));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        reports.stream().mapToLong(CommitReport::redelivered).sum() == meters);
        assertThat(query("SELECT COUNT(*) FROM readings")).isEqualTo((long) meters * pages);
        assertThat(query("SELECT value FROM ingest_counters WHERE name = 'redeliveries'"))
                .isEqualTo(meters);
    }

    @Test
    void aRedeliveryIsAcknowledgedAsCommittedAgainWithoutAnotherRow() throws Exception {
        GroupCommitWriter w = writer().start();
        w.submit(reading(0, 1, 10));
        await().until(() -> stored() == 1);

        w.submit(reading(0, 1, 10));
        await().until(() -> reports.size() == 2);

        CommitReport second = reports.get(1);
        assertThat(second.stored()).isZero();
        assertThat(second.redelivered()).isEqualTo(1);
        assertThat(second.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.node()).isEqualTo(NodeId.of("node-0"));
            assertThat(o.committed()).containsExactly(1L);
            assertThat(o.rejected()).isEmpty();
        });
        assertThat(query("SELECT COUNT(*) FROM readings")).isEqualTo(1);
    }

    @Test
    void theStoredRowHoldsTheExactBytesAndTheExtractedColumns() throws Exception {
        GroupCommitWriter w = writer().start();
        Verdict.Accepted v = (Verdict.Accepted) reading(3, 42, 4_200);
        w.submit(v);
        await().until(() -> stored() == 1);

        try (Connection c = GatewayDatabase.openReader(db);
                PreparedStatement p = c.prepareStatement(
                        "SELECT node_id, meter_serial, page, import_wh, export_wh, reading_time_ms, clock_status, flags, received_ms, raw FROM readings")) {
            ResultSet r = p.executeQuery();
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("node-3");
            assertThat(r.getString(2)).isEqualTo("M3");
            assertThat(r.getLong(3)).isEqualTo(42);
            assertThat(r.getLong(4)).isEqualTo(4_200);
            assertThat(r.getLong(5)).isZero();
            assertThat(r.getLong(6)).isEqualTo(readingTime(42).toEpochMilli());
            assertThat(r.getString(7)).isEqualTo("S");
            assertThat(r.getInt(8)).isZero();
            assertThat(r.getLong(9)).isEqualTo(NOW.toEpochMilli());
            assertThat(r.getBytes(10)).isEqualTo(v.reading().raw());
        }
    }

    @Test
    void pagesArrivingOutOfOrderRaiseAGapEventThatTheLatePagesClose() throws Exception {
        GroupCommitWriter w = writer(new GroupCommitWriter.Settings(Duration.ZERO, 1, 100, 100))
                .start();
        w.submit(reading(0, 1, 10));
        w.submit(reading(0, 4, 40));
        await().until(() -> stored() == 2);
        assertThat(reports.stream().flatMap(r -> r.gapsOpened().stream()).toList())
                .containsExactly(
                        new CommitReport.GapEvent(MeterSerial.of("M0"), NodeId.of("node-0"), new Ack.PageRange(2, 3)));
        assertThat(query("SELECT COUNT(*) FROM gap_events WHERE closed_ms IS NULL"))
                .isEqualTo(1);

        w.submit(reading(0, 3, 30));
        await().until(() -> stored() == 3);
        assertThat(query("SELECT filled FROM gap_events")).isEqualTo(1);
        assertThat(query("SELECT COUNT(*) FROM gap_events WHERE closed_ms IS NULL"))
                .isEqualTo(1);

        w.submit(reading(0, 2, 20));
        await().until(() -> stored() == 4);
        assertThat(query("SELECT filled FROM gap_events")).isEqualTo(2);
        assertThat(query("SELECT closed_ms FROM gap_events")).isEqualTo(NOW.toEpochMilli());
        assertThat(reports.stream().mapToInt(CommitReport::gapsClosed).sum()).isEqualTo(1);
        assertThat(reports.stream().mapToInt(CommitReport::filled).sum()).isEqualTo(2);
    }

    @Test
    void decisionsWithinOneGroupSeeTheGroupsEarlierReadings() throws Exception {
        GroupCommitWriter w = writer();
        w.submit(reading(0, 1, 100));
        w.submit(reading(0, 2, 90));
        w.submit(reading("node-0", "M0", 1, 100, ",\"other\":1"));
        w.submit(reading(0, 1, 100));
        w.start();
        await().until(() -> !reports.isEmpty());

        CommitReport r = reports.get(0);
        assertThat(r.messages()).isEqualTo(4);
        assertThat(r.stored()).isEqualTo(1);
        assertThat(r.redelivered()).isEqualTo(1);
        assertThat(r.rejected())
                .containsEntry(RejectReason.REGISTER_DECREASED, 1)
                .containsEntry(RejectReason.DOUBLE_SIGNED_PAGE, 1);
        assertThat(r.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.committed()).containsExactly(1L);
            assertThat(o.rejected()).extracting(Rejection::page).containsExactly(2L, 1L);
        });
    }

    @Test
    void aPageSignedTwiceKeepsBothRecordsAsEvidenceAndFlagsTheNodeOnce() throws Exception {
        GroupCommitWriter w = writer().start();
        Verdict first = reading(0, 1, 100);
        Verdict forged = reading("node-0", "M0", 1, 100, ",\"forged\":1");
        w.submit(first);
        w.submit(forged);
        w.submit(forged); // the same forgery again adds no second evidence row nor flag
        await().until(() -> reports.stream().mapToInt(CommitReport::messages).sum() == 3);

        assertThat(reports.stream().flatMap(r -> r.doubleSigned().stream()))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.node()).isEqualTo(NodeId.of("node-0"));
                    assertThat(d.page()).isEqualTo(1);
                });
        try (Connection c = GatewayDatabase.openReader(db);
                Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT stored_raw, second_raw FROM page_evidence")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getBytes(1))
                    .isEqualTo(((Verdict.Accepted) first).reading().raw());
            assertThat(r.getBytes(2))
                    .isEqualTo(((Verdict.Accepted) forged).reading().raw());
            assertThat(r.next()).isFalse();
        }
        assertThat(query("SELECT COUNT(*) FROM node_flags WHERE node_id = 'node-0' AND reason = 'DOUBLE_SIGNED_PAGE'"))
                .isEqualTo(1);
        assertThat(query("SELECT count FROM rejection_counts WHERE reason = 'DOUBLE_SIGNED_PAGE'"))
                .isEqualTo(2);
    }

    @Test
    void rejectionsAreLoggedAndCountedAndAnsweredOnlyWhenTheNodeIsKnown() throws Exception {
        GroupCommitWriter w = writer().start();
        w.submit(rejection("node-1", 5L, RejectReason.BAD_SIGNATURE));
        w.submit(rejection(null, null, RejectReason.TOO_LARGE));
        w.submit(rejection("stranger", null, RejectReason.UNKNOWN_NODE));
        await().until(() ->
                reports.stream().mapToLong(r -> r.rejections().size()).sum() == 3);

        assertThat(query("SELECT COUNT(*) FROM rejections")).isEqualTo(3);
        assertThat(query("SELECT count FROM rejection_counts WHERE reason = 'BAD_SIGNATURE'"))
                .isEqualTo(1);
        assertThat(query("SELECT count FROM rejection_counts WHERE reason = 'TOO_LARGE'"))
                .isEqualTo(1);
        assertThat(query("SELECT COUNT(*) FROM readings")).isZero();
        assertThat(reports.stream().flatMap(r -> r.outcomes().stream()).toList())
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.node()).isEqualTo(NodeId.of("node-1"));
                    assertThat(o.committed()).isEmpty();
                    assertThat(o.rejected()).extracting(Rejection::reason).containsExactly(RejectReason.BAD_SIGNATURE);
                });
    }

    @Test
    void theRejectionLogKeepsOnlyTheNewestRowsWhileTheTotalsKeepCounting() throws Exception {
        GroupCommitWriter w = writer(new GroupCommitWriter.Settings(Duration.ZERO, 1_000, 100, 5))
                .start();
        for (int i = 0; i < 12; i++) {
            w.submit(rejection(null, null, RejectReason.MALFORMED));
        }
        await().until(() ->
                reports.stream().mapToLong(r -> r.rejections().size()).sum() == 12);

        assertThat(query("SELECT COUNT(*) FROM rejections")).isEqualTo(5);
        assertThat(query("SELECT count FROM rejection_counts WHERE reason = 'MALFORMED'"))
                .isEqualTo(12);
    }

    @Test
    void aMessageThatCannotBeStoredDoesNotTakeItsGroupWithIt() throws Exception {
        GroupCommitWriter w = writer();
        w.submit(reading(1, 1, 10));
        w.submit(reading("ghost", "GHOST-METER", 1, 10, ""));
        w.submit(reading(2, 1, 10));
        w.start();
        await().until(() -> stored() == 2 && failed.size() == 1);

        assertThat(failed)
                .singleElement()
                .satisfies(
                        v -> assertThat(((Verdict.Accepted) v).reading().node()).isEqualTo(NodeId.of("ghost")));
        assertThat(query("SELECT COUNT(*) FROM readings")).isEqualTo(2);
        assertThat(reports.stream()
                        .flatMap(r -> r.outcomes().stream())
                        .map(CommitReport.NodeOutcome::node)
                        .toList())
                .containsExactlyInAnyOrder(NodeId.of("node-1"), NodeId.of("node-2"));
    }

    @Test
    void acknowledgementSequencesKeepRisingAcrossRestarts() throws Exception {
        GroupCommitWriter first = writer().start();
        first.submit(reading(0, 1, 10));
        await().until(() -> reports.size() == 1);
        first.submit(reading(0, 2, 20));
        await().until(() -> reports.size() == 2);
        first.close();

        GroupCommitWriter second = writer().start();
        second.submit(reading(0, 3, 30));
        await().until(() -> reports.size() == 3);

        assertThat(reports).extracting(r -> r.outcomes().get(0).ackSeq()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void closingWritesWhatIsStillQueued() throws Exception {
        GroupCommitWriter w = writer(new GroupCommitWriter.Settings(Duration.ofMillis(50), 10, 1_000, 100));
        for (int p = 1; p <= 200; p++) {
            w.submit(reading(5, p, p));
        }
        w.start();
        w.close();

        assertThat(query("SELECT COUNT(*) FROM readings")).isEqualTo(200);
        assertThatThrownBy(() -> w.submit(reading(5, 201, 201))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theDatabaseItselfRefusesASecondRowForOneMeterAndPage() throws Exception {
        GroupCommitWriter w = writer().start();
        w.submit(reading(0, 1, 10));
        await().until(() -> stored() == 1);

        try (Connection c = GatewayDatabase.openWriter(db);
                Statement s = c.createStatement()) {
            assertThatThrownBy(
                            () -> s.executeUpdate(
                                    "INSERT INTO readings (meter_serial, page, node_id, import_wh, export_wh, reading_time_ms, "
                                            + "clock_status, flags, received_ms, raw) VALUES ('M0', 1, 'node-0', 10, 0, 0, 'S', 0, 0, x'00')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("UNIQUE");
        }
    }
}
