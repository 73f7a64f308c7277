package org.ebc.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebc.agent.config.AgentSettings;
import org.ebc.agent.trading.TradingConfig;
import org.ebc.hardware.EnergyMeter;
import org.ebc.hardware.EnergyMeters;
import org.ebc.hardware.MeterRead;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.junit.jupiter.api.Test;

/** The files the Debian package installs agree with the code and with each other. */
class DeploymentFilesTest {
    private static final Path WRAPPER = Path.of("src/deb/bin/meter-agent");
    private static final Path UNIT = Path.of("../hardware/src/deploy/systemd/ebc-meter-agent.service");
    private static final Path SAMPLE = Path.of("../hardware/src/deploy/meter-agent.properties");

    private static List<String> quoted(Path file, String regex) throws Exception {
        Matcher m = Pattern.compile(regex).matcher(Files.readString(file));
        assertThat(m.find()).as("%s has %s", file, regex).isTrue();
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }

    @Test
    void theWrapperAndTheSystemdUnitUseTheRecommendedJvmFlags() throws Exception {
        assertThat(quoted(WRAPPER, "DEFAULT_FLAGS=\"([^\"]*)\"")).isEqualTo(BenchStartupCommand.RECOMMENDED_JVM_FLAGS);
        assertThat(quoted(UNIT, "Environment=\"EBC_AGENT_JVM_FLAGS=([^\"]*)\""))
                .isEqualTo(BenchStartupCommand.RECOMMENDED_JVM_FLAGS);
    }

    @Test
    void theUnitRunsTheInstalledConfigAndDoesNotRestartOnAConfigError() throws Exception {
        String unit = Files.readString(UNIT);
        assertThat(unit)
                .contains("ExecStart=/usr/bin/meter-agent run --config /etc/ebc/meter-agent.properties")
                .contains("RestartPreventExitStatus=" + RunCommand.EXIT_CONFIG)
                .contains("SuccessExitStatus=143")
                .contains("User=ebc-meter")
                .contains("ReadWritePaths=/var/lib/ebc-meter-agent");
    }

    /** Every trading key is in the shipped file, commented out with its default, so an operator finds it. */
    @Test
    void theShippedConfigDocumentsEveryTradingKeyWithItsDefault() throws Exception {
        String sample = Files.readString(SAMPLE);
        TradingConfig defaults = AgentSettings.load(SAMPLE).agent().trading();
        for (String key : TradingConfig.KEYS) {
            assertThat(sample)
                    .as("the sample documents %s", key)
                    .containsPattern("(?m)^# " + Pattern.quote(key) + " = ");
        }
        assertThat(sample)
                .contains("# trading.enabled = " + defaults.enabled())
                .contains("# trading.reserve.wh = " + defaults.reserve().wh())
                .contains("# trading.window.slots = " + defaults.windowSlots())
                .contains("# trading.buy.limit = " + defaults.buyLimit())
                .contains("# trading.sell.limit = " + defaults.sellLimit())
                .contains("# trading.resend-after = " + defaults.resendAfter().toSeconds() + "s");
    }

    @Test
    void theShippedConfigIsValidAndStartsItsSimulatedMeter() {
        AgentSettings s = AgentSettings.load(SAMPLE);
        assertThat(s.agent().database()).isEqualTo(Path.of("/var/lib/ebc-meter-agent/agent.db"));
        assertThat(s.agent().nodeKey()).isEqualTo(Path.of("/etc/ebc/keys/node.key"));
        Context pi4j = Pi4jContexts.fromSettings(s.settings());
        try (EnergyMeter meter = EnergyMeters.open(s.settings(), pi4j)) {
            assertThat(meter.read()).isInstanceOf(MeterRead.Ok.class);
        } finally {
            pi4j.shutdown();
        }
    }
}
