package org.ebc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {
    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofHours(24);

    enum Mode {
        POSTED,
        AUCTION,
        PAY_AS_BID
    }

    private static Settings with(String key, String value) {
        return Settings.of(Map.of(key, value));
    }

    /** The error must name the key and the value, so the operator can fix the file without reading code. */
    private static ConfigException namesKeyAndValue(ThrowingCallable call, String key, String value) {
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(e).as("a ConfigException").isNotNull();
        assertThat(e.key()).isEqualTo(key);
        assertThat(e.value()).isEqualTo(value);
        assertThat(e.getMessage()).contains("'" + key + "'").contains("'" + value + "'");
        return e;
    }

    @ParameterizedTest
    @CsvSource({
        "250ms, PT0.25S",
        "10s, PT10S",
        "15m, PT15M",
        "2h, PT2H",
        "PT10S, PT10S",
        "pt1m, PT1M",
        "' 30 s ', PT30S"
    })
    void durationsAreReadWithAUnitOrInIso8601(String text, String expected) {
        assertThat(with("market.slot", text).duration("market.slot", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)))
                .isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "15 minutes",
                "15",
                "1.5s",
                "s",
                "ms",
                "-5s",
                "PT",
                "10d",
                "9223372036854775807h",
                "99999999999999999999s"
            })
    void aBadDurationNamesTheKeyTheValueAndWhatIsExpected(String text) {
        ConfigException e = namesKeyAndValue(
                () -> with("market.slot", text).duration("market.slot", MAX, MIN, MAX), "market.slot", text.trim());

        assertThat(e.getMessage()).contains("500ms").contains("between " + MIN + " and " + MAX);
    }

    @Test
    void aDurationOutsideItsRangeIsRefused() {
        namesKeyAndValue(
                () -> with("market.slot", "500ms").duration("market.slot", MAX, MIN, MAX), "market.slot", "500ms");
        namesKeyAndValue(() -> with("market.slot", "25h").duration("market.slot", MAX, MIN, MAX), "market.slot", "25h");
        assertThat(with("market.slot", "24h").duration("market.slot", MIN, MIN, MAX))
                .isEqualTo(MAX);
    }

    @Test
    void numbersMustBeWholeAndInRange() {
        assertThat(with("outbox.max", "500").longValue("outbox.max", 10, 1, 1000))
                .isEqualTo(500);
        assertThat(with("outbox.max", "1000").intValue("outbox.max", 10, 1, 1000))
                .isEqualTo(1000);
        ConfigException tooBig = namesKeyAndValue(
                () -> with("outbox.max", "1001").longValue("outbox.max", 10, 1, 1000), "outbox.max", "1001");
        assertThat(tooBig.getMessage()).contains("between 1 and 1000");
        namesKeyAndValue(() -> with("outbox.max", "0").intValue("outbox.max", 10, 1, 1000), "outbox.max", "0");
        namesKeyAndValue(() -> with("outbox.max", "12.5").longValue("outbox.max", 10, 1, 1000), "outbox.max", "12.5");
        namesKeyAndValue(() -> with("outbox.max", "ten").longValue("outbox.max", 10, 1, 1000), "outbox.max", "ten");
        namesKeyAndValue(
                () -> with("outbox.max", "99999999999999999999").longValue("outbox.max", 10, 1, Long.MAX_VALUE),
                "outbox.max",
                "99999999999999999999");
    }

    @Test
    void enumsAcceptTheirNamesInAnyCaseWithDashesAndListTheChoicesOtherwise() {
        assertThat(with("market.mode", "auction").enumValue("market.mode", Mode.POSTED, Mode.class))
                .isEqualTo(Mode.AUCTION);
        assertThat(with("market.mode", "pay-as-bid").enumValue("market.mode", Mode.POSTED, Mode.class))
                .isEqualTo(Mode.PAY_AS_BID);
        ConfigException e = namesKeyAndValue(
                () -> with("market.mode", "barter").enumValue("market.mode", Mode.POSTED, Mode.class),
                "market.mode",
                "barter");
        assertThat(e.getMessage()).contains("expected one of posted, auction, pay_as_bid");
    }

    @Test
    void booleansAreTrueFalseYesNoOnOff() {
        assertThat(with("tls", "yes").bool("tls", false)).isTrue();
        assertThat(with("tls", "OFF").bool("tls", true)).isFalse();
        namesKeyAndValue(() -> with("tls", "maybe").bool("tls", false), "tls", "maybe");
    }

    @Test
    void aMissingOrEmptyValueFallsBackToItsDefaultUnlessItIsRequired() {
        Settings s = Settings.of(Map.of("empty", ""));

        assertThat(s.string("empty", "d")).isEqualTo("d");
        assertThat(s.longValue("absent", 7, 1, 10)).isEqualTo(7);
        assertThat(s.duration("absent", MIN, MIN, MAX)).isEqualTo(MIN);
        ConfigException e = namesKeyAndValue(() -> s.requireString("node.id"), "node.id", "");
        assertThat(e.getMessage()).contains("required");
    }

    @Test
    void aParsedValueThatTheParserRefusesNamesKeyAndValue() {
        assertThat(with("eag.id", "eag-1").parsed("eag.id", null, "an EAG id", org.ebc.units.EagId::of))
                .isEqualTo(org.ebc.units.EagId.of("eag-1"));
        ConfigException e = namesKeyAndValue(
                () -> with("eag.id", "eag/1").parsed("eag.id", null, "an EAG id", org.ebc.units.EagId::of),
                "eag.id",
                "eag/1");
        assertThat(e.getMessage()).contains("an EAG id");
    }

    @Test
    void anUnknownKeyIsRefusedByNameWithTheFileAndTheKnownKeys(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("agent.conf"), "node.id = node-1\nmarket.slott = 15m\n");
        Settings s = Settings.load(file);

        ConfigException e =
                namesKeyAndValue(() -> s.rejectUnknownKeys(Set.of("node.id", "market.slot")), "market.slott", "15m");

        assertThat(e.getMessage()).contains(file.toString()).contains("market.slot");
        s.with(Map.of()).rejectUnknownKeys(Set.of("node.id", "market.slott"));
    }

    @Test
    void aFileIsReadTrimmedAndCommandLineOverridesWin(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("agent.conf"), "# comment\nnode.id =  node-1  \nmarket.slot=15m\n");

        Settings s = Settings.load(file).with(Map.of("market.slot", "5m"));

        assertThat(s.requireString("node.id")).isEqualTo("node-1");
        assertThat(s.duration("market.slot", MAX, MIN, MAX)).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.source()).isEqualTo(file.toString());
        assertThat(s.asMap()).containsOnlyKeys("node.id", "market.slot");
    }

    @Test
    void aMissingConfigFileNamesTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.conf");

        assertThatThrownBy(() -> Settings.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }
}
