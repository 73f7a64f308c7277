package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigFileTest {
    private static final BenchMeter PROSUMER =
            new BenchMeter(NodeId.of("node-03"), "SIM-03", BenchProfile.PROSUMER, 3, 4, OptionalInt.of(5), 0);
    private static final BenchMeter HOUSEHOLD =
            new BenchMeter(NodeId.of("node-01"), "SIM-01", BenchProfile.HOUSEHOLD, 1, 0, OptionalInt.empty(), 0);

    @TempDir
    Path dir;

    @Test
    void aWrittenFileReadsBackAsTheAgentsKeysForASimulatedMeterOnMockGpio() throws IOException {
        AgentConfigFile.Tuning tuning =
                new AgentConfigFile.Tuning(Duration.ofMillis(250), 60, Map.of("reading.last-page", "1000"));
        Map<String, String> settings = AgentConfigFile.settings(
                PROSUMER,
                EagId.of("eag-bench"),
                "tcp://127.0.0.1:41883",
                dir.resolve("keys"),
                dir.resolve("data"),
                tuning);
        Path file = AgentConfigFile.write(dir.resolve("agent.properties"), PROSUMER, settings);

        Properties read = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read.load(r);
        }
        assertThat(read)
                .containsEntry("node.id", "node-03")
                .containsEntry("eag.id", "eag-bench")
                .containsEntry("meter.serial", "SIM-03")
                .containsEntry("broker.url", "tcp://127.0.0.1:41883")
                .containsEntry("key.dir", dir.resolve("keys").toAbsolutePath().toString())
                .containsEntry("platform", "mock")
                .containsEntry("meter.type", "simulated")
                .containsEntry("sim.profile", "prosumer")
                .containsEntry("sim.seed", "3")
                .containsEntry("sim.acceleration", "60")
                .containsEntry("reading.interval", "250ms")
                .containsEntry("meter.s0.import.pin", "4")
                .containsEntry("meter.s0.export.pin", "5")
                .containsEntry("reading.last-page", "1000");
        assertThat(read).hasSize(settings.size());
    }

    @Test
    void aMeterThatOnlyImportsHasNoExportInput() {
        Map<String, String> settings = AgentConfigFile.settings(
                HOUSEHOLD,
                EagId.of("eag-bench"),
                "tcp://127.0.0.1:1883",
                dir,
                dir,
                new AgentConfigFile.Tuning(Duration.ofSeconds(1), 1, Map.of()));

        assertThat(settings).containsEntry("meter.s0.import.pin", "0").doesNotContainKey("meter.s0.export.pin");
    }

    @Test
    void anAccelerationThePulseInputsCannotFollowIsRefused() {
        assertThatThrownBy(() -> new AgentConfigFile.Tuning(
                        Duration.ofSeconds(1), AgentConfigFile.MAX_ACCELERATION + 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acceleration");
    }
}
