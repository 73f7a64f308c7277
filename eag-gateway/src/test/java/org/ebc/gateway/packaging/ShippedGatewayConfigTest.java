package org.ebc.gateway.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebc.config.Settings;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.broker.BrokerEndpoint;
import org.junit.jupiter.api.Test;

/** The configuration file the Debian package installs as /etc/ebc/eag-gateway.properties. */
class ShippedGatewayConfigTest {
    static final Path SHIPPED = Path.of("src/deb/etc/eag-gateway.properties");

    @Test
    void theShippedFileIsAValidGatewayConfiguration() {
        GatewayConfig c = GatewayConfig.load(SHIPPED, Clock.systemUTC());

        assertThat(c.eag().value()).isEqualTo("eag-0001");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/ebc-eag-gateway"));
        assertThat(c.keysDir()).isEqualTo(Path.of("/var/lib/ebc-eag-gateway/keys"));
        assertThat(c.broker().endpoint()).isInstanceOf(BrokerEndpoint.Embedded.class);
    }

    @Test
    void everyKeyTheGatewayReadsIsDocumentedInTheShippedFile() throws IOException {
        List<String> lines = Files.readAllLines(SHIPPED, StandardCharsets.UTF_8);

        for (String key : GatewayConfig.knownKeys()) {
            assertThat(lines)
                    .as("a line '%s = …' or '# %s = …'", key, key)
                    .anyMatch(l -> l.startsWith(key + " = ") || l.startsWith("# " + key + " = "));
        }
    }

    /**
     * A commented-out line shows the default: setting the key to that value must change nothing. Not checked:
     * keys whose shown value is an example (external broker, authority, the consortium's genesis) or depends on the machine or on
     * another key (verify.threads, mqtt.client.id).
     */
    @Test
    void everyCommentedOutValueIsTheDefaultTheGatewayApplies() throws IOException {
        Set<String> examples = Set.of(
                "broker.url",
                "broker.tls.ca",
                "broker.tls.cert",
                "broker.tls.key",
                "authority.dir",
                "ledger.genesis",
                "verify.threads",
                "mqtt.client.id");
        Settings shipped = Settings.load(SHIPPED);
        GatewayConfig asShipped = GatewayConfig.from(shipped, Clock.systemUTC());
        int checked = 0;
        for (String line : Files.readAllLines(SHIPPED, StandardCharsets.UTF_8)) {
            if (!line.startsWith("# ") || !line.contains(" = ")) {
                continue;
            }
            String key = line.substring(2, line.indexOf(" = "));
            if (!GatewayConfig.knownKeys().contains(key) || examples.contains(key)) {
                continue;
            }
            String value = line.substring(line.indexOf(" = ") + 3);
            assertThat(GatewayConfig.from(shipped.with(Map.of(key, value)), Clock.systemUTC()))
                    .as("%s = %s is the default", key, value)
                    .isEqualTo(asShipped);
            checked++;
        }
        assertThat(checked).isGreaterThan(15);
    }
}
