package org.ebc.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.ebc.agent.status.StoredStatus;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another process's file, read while that process may be creating it (the race the end-to-end test hit: "no
 * such table: meter_state"): a missing file, a file without a schema and a schema without a meter state are
 * all "not started yet", never an error; a file of schema 1 (an agent from before trading) has no trading part.
 */
class ReadOnlyViewTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("agent.db");
    }

    @Test
    void noFileYetIsNotStartedAndCreatesNothing() {
        assertThat(AgentDatabase.openReadOnlyIfStarted(file())).isEmpty();
        assertThat(file()).doesNotExist();
    }

    @Test
    void aFileWithoutTheSchemaYetIsNotStarted() throws Exception {
        Files.createFile(file()); // the agent's open has created the file, its migration has not committed
        assertThat(AgentDatabase.openReadOnlyIfStarted(file())).isEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
        }
        assertThat(AgentDatabase.openReadOnlyIfStarted(file())).isEmpty();
    }

    @Test
    void aSchemaWithoutAMeterStateYetIsNotStarted() {
        AgentDatabase.open(file()).close(); // migrated, but loadOrCreate has not run
        try (AgentDatabase db = AgentDatabase.openReadOnlyIfStarted(file()).orElseThrow()) {
            assertThat(StoredStatus.read(db, 5)).isEmpty();
        }
    }

    @Test
    void aStartedAgentsFileShowsItsStateAndItsTradingWhileTheAgentHoldsItOpen() {
        try (AgentDatabase writer = AgentDatabase.open(file())) {
            MeterStateStore.loadOrCreate(writer, NodeId.of("n1"), MeterSerial.of("M1"), T0);
            try (AgentDatabase db = AgentDatabase.openReadOnlyIfStarted(file()).orElseThrow()) {
                StoredStatus s = StoredStatus.read(db, 5).orElseThrow();
                assertThat(s.state().node()).isEqualTo(NodeId.of("n1"));
                assertThat(s.trading()).isPresent();
                assertThat(s.toText()).contains("trading:").contains("open bills    0 to pay");
                assertThat(new String(s.toJson(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("\"started\":true")
                        .contains("\"trading\":{");
            }
        }
    }

    @Test
    void aFileFromBeforeTradingHasNoTradingPart() throws Exception {
        try (AgentDatabase writer = AgentDatabase.open(file())) {
            MeterStateStore.loadOrCreate(writer, NodeId.of("n1"), MeterSerial.of("M1"), T0);
        }
        // What schema version 1 looked like to a reader: the same file with the version set back and no trading.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE orders");
            s.execute("PRAGMA user_version = 1");
        }
        try (AgentDatabase db = AgentDatabase.openReadOnlyIfStarted(file()).orElseThrow()) {
            assertThat(db.schemaVersion()).isEqualTo(1);
            assertThat(StoredStatus.read(db, 5).orElseThrow().trading()).isEmpty();
        }
    }
}
