package org.ebc.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema migrations against a real SQLite file. */
class SchemaMigratorTest {
    private static final SchemaMigrator.Migration ONE =
            new SchemaMigrator.Migration(1, "one table", "/db/test-migration/V1__one_table.sql");
    private static final SchemaMigrator.Migration TWO =
            new SchemaMigrator.Migration(2, "second table", "/db/test-migration/V2__second_table.sql");
    private static final SchemaMigrator.Migration BROKEN =
            new SchemaMigrator.Migration(2, "broken", "/db/test-migration/V2__broken.sql");

    @TempDir
    Path dir;

    private Connection open() throws SQLException {
        return GatewayDatabase.openWriter(dir.resolve("test.db"));
    }

    @Test
    void anEmptyDatabaseGetsTheGatewaySchemaWithWalFullSyncAndForeignKeys() throws SQLException {
        try (Connection c = GatewayDatabase.openMigrated(dir.resolve("gateway.db"))) {
            assertThat(SchemaMigrator.currentVersion(c))
                    .isEqualTo(new SchemaMigrator().latestVersion())
                    .isEqualTo(SchemaMigrator.MIGRATIONS.size());
            assertThat(tables(c))
                    .contains(
                            "nodes",
                            "wallets",
                            "balances",
                            "readings",
                            "gap_events",
                            "rejections",
                            "rejection_counts",
                            "ingest_counters",
                            "ack_sequences",
                            "payment_accounts",
                            "payment_bills",
                            "payment_transfers",
                            "memory_pool",
                            "schema_version");
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "synchronous")).isEqualTo("2");
            assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
        }
    }

    @Test
    void migratingAgainAppliesNothingAndKeepsTheData() throws SQLException {
        try (Connection c = open()) {
            assertThat(new SchemaMigrator(List.of(ONE)).migrate(c)).containsExactly(1);
        }
        try (Connection c = open()) {
            assertThat(new SchemaMigrator(List.of(ONE)).migrate(c)).isEmpty();
            assertThat(new SchemaMigrator(List.of(ONE, TWO)).migrate(c)).containsExactly(2);
            assertThat(new SchemaMigrator(List.of(ONE, TWO)).migrate(c)).isEmpty();
            assertThat(SchemaMigrator.currentVersion(c)).isEqualTo(2);
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT note FROM first_table")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("it's; quoted");
            }
        }
    }

    @Test
    void aDatabaseWrittenByANewerGatewayIsRefused() throws SQLException {
        try (Connection c = open()) {
            new SchemaMigrator(List.of(ONE, TWO)).migrate(c);
        }
        try (Connection c = open()) {
            assertThatThrownBy(() -> new SchemaMigrator(List.of(ONE)).migrate(c))
                    .isInstanceOf(SchemaMigrator.SchemaException.class)
                    .hasMessageContaining("schema version 2")
                    .hasMessageContaining("newer gateway");
        }
    }

    @Test
    void aMigrationEditedAfterItWasAppliedIsRefused() throws SQLException {
        try (Connection c = open()) {
            new SchemaMigrator(List.of(ONE)).migrate(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE schema_version SET checksum = 'edited' WHERE version = 1");
            }
            assertThatThrownBy(() -> new SchemaMigrator(List.of(ONE)).migrate(c))
                    .isInstanceOf(SchemaMigrator.SchemaException.class)
                    .hasMessageContaining("V1")
                    .hasMessageContaining("changed after it was applied");
        }
    }

    @Test
    void aFailingMigrationLeavesNothingHalfDone() throws SQLException {
        try (Connection c = open()) {
            new SchemaMigrator(List.of(ONE)).migrate(c);
            assertThatThrownBy(() -> new SchemaMigrator(List.of(ONE, BROKEN)).migrate(c))
                    .isInstanceOf(SQLException.class);
            assertThat(SchemaMigrator.currentVersion(c)).isEqualTo(1);
            assertThat(tables(c)).doesNotContain("half_done");
        }
    }

    @Test
    void v7RebuildsTheBillsTableKeepingEveryBillAndTheTransfersThatReferToThem() throws SQLException {
        try (Connection c = open()) {
            new SchemaMigrator(SchemaMigrator.MIGRATIONS.subList(0, 6)).migrate(c);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO payment_bills (id, eag, seq, issued_ms, slot_ms, kind, payer, payee, wh, "
                        + "price, amount, status, transfer, attempts, retry_ms, paid_ms) VALUES ('b1', 'eag-1', 1, 1, 0, "
                        + "'p2p', 'ebc1payer', 'ebc1payee', 600, 100, 60, 'pending', 'd1', 0, NULL, NULL)");
                s.executeUpdate("INSERT INTO payment_transfers (digest, payer, nonce, payee, amount, bill, state, "
                        + "admitted_ms, deadline_ms, raw, cosign, released_as) VALUES ('d1', 'ebc1payer', 1, "
                        + "'ebc1payee', 60, 'b1', 'pending', 1, 2, x'00', NULL, NULL)");
            }

            assertThat(new SchemaMigrator().migrate(c)).containsExactly(7);

            assertThat(pragma(c, "foreign_keys"))
                    .as("foreign keys are on again")
                    .isEqualTo("1");
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT b.amount, b.covered_by, t.digest FROM payment_bills b JOIN payment_transfers t "
                                    + "ON t.bill = b.id")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(60);
                assertThat(r.getString(2)).isNull();
                assertThat(r.getString(3)).isEqualTo("d1");
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate(
                        "INSERT INTO payment_bills (id, eag, seq, issued_ms, slot_ms, kind, payer, payee, wh, "
                                + "price, amount, status, transfer, attempts, retry_ms, paid_ms, covered_by) VALUES ('l1', "
                                + "'eag-1', 2, 1, 0, 'loan', 'ebc1payer', 'ebc1eag', 0, 0, 75, 'open', NULL, 0, NULL, NULL, NULL)");
                assertThatThrownBy(
                                () -> s.executeUpdate(
                                        "INSERT INTO payment_transfers (digest, payer, nonce, payee, "
                                                + "amount, bill, state, admitted_ms, deadline_ms, raw, cosign, released_as) VALUES ('d2', "
                                                + "'ebc1payer', 2, 'ebc1payee', 60, 'no-such-bill', 'pending', 1, 2, x'00', NULL, NULL)"))
                        .as("the transfers' foreign key refers to the new table")
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("FOREIGN KEY");
                assertThatThrownBy(
                                () -> s.executeUpdate("UPDATE payment_bills SET covered_by = 'loan-1' WHERE id = 'l1'"))
                        .as("only a p2p bill is covered")
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("CHECK");
            }
        }
    }

    @Test
    void scriptsAreSplitAtSemicolonsOutsideQuotesAndComments() {
        assertThat(SchemaMigrator.statements("-- c; d\nA 'x;y';\n B; -- tail;\n  ;"))
                .containsExactly("A 'x;y'", "B");
    }

    @Test
    void migrationsMustBeNumberedWithoutHoles() {
        assertThatThrownBy(() -> new SchemaMigrator(List.of(ONE, new SchemaMigrator.Migration(3, "x", "/nowhere"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without holes");
    }

    static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
