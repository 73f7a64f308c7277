package org.ebc.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `meter-agent configure`: the shipped file edited in place, never left invalid. */
class ConfigEditTest {
    static final Path SHIPPED = Path.of("../hardware/src/deploy/meter-agent.properties");

    @TempDir
    Path tmp;

    private Path copy() throws Exception {
        Path f = tmp.resolve("meter-agent.properties");
        Files.copy(SHIPPED, f);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        return f;
    }

    @Test
    void aKeysLineOrItsCommentedDefaultIsReplacedInPlaceAndCommentsStay() throws Exception {
        Path f = copy();
        List<String> before = Files.readAllLines(f);

        ConfigEdit.apply(f, Map.of("node.id", "node-0042", "meter.serial", "SDM-42", "key.dir", "/srv/keys"));

        List<String> after = Files.readAllLines(f);
        assertThat(after)
                .hasSameSizeAs(before)
                .contains("node.id = node-0042", "meter.serial = SDM-42", "key.dir = /srv/keys");
        assertThat(after.indexOf("node.id = node-0042")).isEqualTo(before.indexOf("node.id = node-0001"));
        assertThat(after).doesNotContain("# key.dir = /etc/ebc/keys");
        assertThat(after.stream().filter(l -> l.startsWith("#")).count())
                .isEqualTo(before.stream().filter(l -> l.startsWith("#")).count() - 1);
        assertThat(AgentSettings.load(f).agent().node().value()).isEqualTo("node-0042");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r-----");
    }

    @Test
    void aKeyTheFileDoesNotMentionIsAppended() throws Exception {
        Path f = copy();

        ConfigEdit.apply(f, Map.of("meter.s0.debounce", "10ms"));

        assertThat(Files.readAllLines(f)).endsWith("meter.s0.debounce = 10ms");
    }

    @Test
    void anUnknownKeyOrABadValueIsRefusedNamingItAndTheFileIsUnchanged() throws Exception {
        Path f = copy();
        String before = Files.readString(f);

        assertThatThrownBy(() -> ConfigEdit.apply(f, Map.of("node.idd", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("node.idd");
        assertThatThrownBy(() -> ConfigEdit.apply(f, Map.of("broker.url", "http://gateway")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broker.url");
        assertThat(Files.readString(f)).isEqualTo(before);
        assertThat(tmp.resolve("meter-agent.properties.new")).doesNotExist();
    }

    @Test
    void settingsLinesAndArgumentsParseTheSameAndLaterOnesWin() {
        Map<String, String> m = ConfigEdit.parse(
                List.of(
                        "# a bundle",
                        "eag.id = eag-0001",
                        "",
                        "broker.url=ssl://gateway.local:8883",
                        "eag.id = eag-0002"),
                "bundle");

        assertThat(m)
                .containsExactly(Map.entry("eag.id", "eag-0002"), Map.entry("broker.url", "ssl://gateway.local:8883"));
        assertThatThrownBy(() -> ConfigEdit.parse(List.of("no equals sign"), "the arguments"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the arguments");
    }
}
