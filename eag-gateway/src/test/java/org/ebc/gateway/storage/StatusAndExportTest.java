package org.ebc.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ebc.crypto.CertificateSubject;
import org.ebc.gateway.account.NodeRecord;
import org.ebc.gateway.account.SqliteAccountPool;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.gateway.verify.Verdict;
import org.ebc.testing.TestAuthority;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What status and export read back from a real database written by the writer. */
class StatusAndExportTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    @TempDir
    Path dir;

    private Path db;
    private final List<Verdict> sent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fill() throws Exception {
        db = dir.resolve("gateway.db");
        TestAuthority authority = TestAuthority.create("a", NOW);
        try (SqliteAccountPool pool =
                new SqliteAccountPool(GatewayDatabase.openMigrated(db), Clock.fixed(NOW, ZoneOffset.UTC))) {
            for (int i = 0; i < 2; i++) {
                pool.bindNode(NodeRecord.of(
                        authority.node("node-" + i, "M" + i).certificate(),
                        CertificateSubject.node("node-" + i, "o", "M" + i),
                        NOW,
                        "mqtt"));
            }
        }
        List<CommitReport> reports = new CopyOnWriteArrayList<>();
        try (GroupCommitWriter w = new GroupCommitWriter(
                GatewayDatabase.openMigrated(db),
                Clock.fixed(NOW, ZoneOffset.UTC),
                GroupCommitWriter.Settings.defaults(),
                GroupCommitWriterTest.RATED,
                reports::add)) {
            for (Verdict v : List.of(
                    GroupCommitWriterTest.reading(1, 1, 10),
                    GroupCommitWriterTest.reading(1, 2, 20),
                    GroupCommitWriterTest.reading(1, 5, 50),
                    GroupCommitWriterTest.reading(0, 1, 7),
                    GroupCommitWriterTest.reading(0, 1, 7),
                    GroupCommitWriterTest.rejection("node-0", 2L, RejectReason.BAD_SIGNATURE),
                    GroupCommitWriterTest.rejection(null, null, RejectReason.TOO_LARGE))) {
                w.submit(v);
                sent.add(v);
            }
            w.start();
            await().until(() ->
                    reports.stream().mapToInt(CommitReport::messages).sum() == sent.size());
        }
    }

    @Test
    void theStatusReportAddsUpWhatWasWritten() throws Exception {
        StatusReport r;
        try (Connection c = GatewayDatabase.openReader(db)) {
            r = StatusReport.read(c, 10);
        }

        assertThat(r.schemaVersion()).isEqualTo(SchemaMigrator.MIGRATIONS.size());
        assertThat(r.readings()).isEqualTo(4);
        assertThat(r.redeliveries()).isEqualTo(1);
        assertThat(r.rejectionsByReason()).containsEntry("BAD_SIGNATURE", 1L).containsEntry("TOO_LARGE", 1L);
        assertThat(r.rejectionsTotal()).isEqualTo(2);
        assertThat(r.nodes())
                .extracting(
                        StatusReport.NodeLine::node, StatusReport.NodeLine::readings, StatusReport.NodeLine::lastPage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("node-0", 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("node-1", 3L, 5L));
        assertThat(r.openGaps()).singleElement().satisfies(g -> {
            assertThat(g.meter()).isEqualTo("M1");
            assertThat(g.first()).isEqualTo(3);
            assertThat(g.last()).isEqualTo(4);
            assertThat(g.missing()).isEqualTo(2);
        });
        assertThat(r.gapEvents()).isEqualTo(1);
        assertThat(r.ledger())
                .as("no chain, nothing in the pool")
                .isEqualTo(new StatusReport.LedgerLine(0, null, 0, 0, null, 0, null));
        assertThat(r.recentRejections())
                .extracting(StatusReport.RejectionLine::reason)
                .containsExactly("TOO_LARGE", "BAD_SIGNATURE");
        try (Connection c = GatewayDatabase.openReader(db)) {
            assertThat(StatusReport.lastPages(c))
                    .containsEntry(NodeId.of("node-1"), 5L)
                    .containsEntry(NodeId.of("node-0"), 1L);
        }
    }

    @Test
    void theOcmfExportIsEveryStoredRecordExactlyAsReceivedOnePerLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n;
        try (Connection c = GatewayDatabase.openReader(db)) {
            n = ReadingExport.write(c, ReadingExport.Format.OCMF, Optional.empty(), out);
        }

        List<String> expected = List.of(raw(3), raw(0), raw(1), raw(2));
        assertThat(n).isEqualTo(4);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", expected) + "\n");
    }

    @Test
    void theCsvExportHasAHeaderAndTheExtractedColumnsAndFiltersByNode() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection c = GatewayDatabase.openReader(db)) {
            ReadingExport.write(c, ReadingExport.Format.CSV, Optional.of(NodeId.of("node-0")), out);
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(ReadingExport.CSV_HEADER + "\n" + "node-0,M0,1,7,0," + GroupCommitWriterTest.readingTime(1)
                        + ",S,,2026-11-21T08:00:00Z\n");
        assertThat(ReadingExport.csv("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
    }

    private String raw(int i) {
        return new String(((Verdict.Accepted) sent.get(i)).reading().raw(), StandardCharsets.UTF_8);
    }
}
