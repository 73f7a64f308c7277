package org.ebc.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registers and page counter against a real SQLite file in a temp directory. */
class MeterStateStoreTest {
    private static final NodeId NODE = NodeId.of("node-1");
    private static final MeterSerial METER = MeterSerial.of("SIM-1");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data").resolve("agent.db");
    }

    @Test
    void aNewFileStartsAtPageOneWithZeroRegistersInWalModeWithFullSync() throws Exception {
        try (AgentDatabase db = AgentDatabase.open(file())) {
            MeterState s = MeterStateStore.loadOrCreate(db, NODE, METER, T0);
            assertThat(s.nextPage()).isEqualTo(PageCounter.FIRST);
            assertThat(s.registers()).isEqualTo(EnergyRegisters.ZERO);
            assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(db, "synchronous")).isEqualTo("2"); // FULL
            assertThat(pragma(db, "user_version")).isEqualTo(String.valueOf(AgentDatabase.SCHEMA_VERSION));
        }
    }

    @Test
    void committedRegistersAndPageSurviveAConnectionThatIsNeverClosed() throws Exception {
        AgentDatabase abandoned = AgentDatabase.open(file());
        MeterStateStore.loadOrCreate(abandoned, NODE, METER, T0);
        abandoned.inTransaction(c -> {
            MeterStateStore.save(c, PageCounter.of(42), EnergyRegisters.ofWh(12_345, 678), T0.plusSeconds(10));
            return null;
        });
        // No close, no checkpoint: what a kill -9 leaves behind (the WAL file holds the commit).
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            try (Statement s = other.createStatement();
                    ResultSet rs = s.executeQuery("SELECT next_page, import_wh, export_wh FROM meter_state")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(42);
                assertThat(rs.getLong(2)).isEqualTo(12_345);
                assertThat(rs.getLong(3)).isEqualTo(678);
            }
        }
        try (AgentDatabase reopened = AgentDatabase.open(file())) {
            MeterState s = MeterStateStore.loadOrCreate(reopened, NODE, METER, T0.plusSeconds(20));
            assertThat(s.nextPage()).isEqualTo(PageCounter.of(42));
            assertThat(s.registers()).isEqualTo(EnergyRegisters.ofWh(12_345, 678));
            assertThat(s.lastPage()).isEqualTo(41);
        }
        abandoned.close();
    }

    @Test
    void theFileItselfRefusesToMoveARegisterOrThePageCounterBackwards() {
        try (AgentDatabase db = AgentDatabase.open(file())) {
            MeterStateStore.loadOrCreate(db, NODE, METER, T0);
            db.inTransaction(c -> {
                MeterStateStore.save(c, PageCounter.of(10), EnergyRegisters.ofWh(1_000, 100), T0);
                return null;
            });
            assertThatThrownBy(() -> db.inTransaction(c -> {
                        MeterStateStore.save(c, PageCounter.of(9), EnergyRegisters.ofWh(1_000, 100), T0);
                        return null;
                    }))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("never go backwards");
            assertThatThrownBy(() -> db.inTransaction(c -> {
                        MeterStateStore.save(c, PageCounter.of(11), EnergyRegisters.ofWh(999, 100), T0);
                        return null;
                    }))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("never go backwards");
            assertThat(db.read(c -> MeterStateStore.load(c).orElseThrow()).registers())
                    .isEqualTo(EnergyRegisters.ofWh(1_000, 100));
        }
    }

    @Test
    void aFileOfAnotherMeterIsRefusedRatherThanContinued() {
        try (AgentDatabase db = AgentDatabase.open(file())) {
            MeterStateStore.loadOrCreate(db, NODE, METER, T0);
        }
        try (AgentDatabase db = AgentDatabase.open(file())) {
            assertThatThrownBy(() -> MeterStateStore.loadOrCreate(db, NODE, MeterSerial.of("OTHER-9"), T0))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("SIM-1")
                    .hasMessageContaining("OTHER-9");
        }
    }

    @Test
    void aFileWrittenByANewerAgentIsNotTouched() throws Exception {
        try (AgentDatabase db = AgentDatabase.open(file())) {
            MeterStateStore.loadOrCreate(db, NODE, METER, T0);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (AgentDatabase.SCHEMA_VERSION + 1));
        }
        assertThatThrownBy(() -> AgentDatabase.open(file()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer");
    }

    @Test
    void theStatusViewOpensReadOnlyAndNeverCreatesAFile() {
        assertThatThrownBy(() -> AgentDatabase.openReadOnly(file()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no agent database");
        assertThat(file()).doesNotExist();
    }

    private static String pragma(AgentDatabase db, String name) {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
