package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSettingsTest {
    @TempDir
    Path dir;

    private BrokerSettings read(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return BrokerSettings.from(Settings.of(m), dir);
    }

    private Path file(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "pem");
    }

    private void assertRefused(String key, String value, String because, String... keyValues) {
        assertThatThrownBy(() -> read(keyValues))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.value()).isEqualTo(value);
                })
                .hasMessageContaining(because);
    }

    @Test
    void withNothingConfiguredTheGatewayRunsAnEmbeddedBrokerOnAFreeLoopbackPortWithoutTls() {
        // Port 0: never the 1883 that Debian's Mosquitto (a Recommends of many packages) already holds.
        BrokerSettings s = read();
        assertThat(s.endpoint())
                .isEqualTo(new BrokerEndpoint.Embedded(
                        "127.0.0.1", 0, dir.resolve("broker"), 1_000_000, BrokerEndpoint.Persistence.MEMORY));
        assertThat(((BrokerEndpoint.Embedded) s.endpoint()).loopbackOnly()).isTrue();
        assertThat(s.keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.maxInflight()).isEqualTo(100);
    }

    @Test
    void theEmbeddedBrokerServesTheNetworkOnlyThroughItsTlsListener() {
        BrokerSettings s = read(
                "broker.port",
                "1884",
                "broker.tls.port",
                "8883",
                "broker.persistence",
                "memory",
                "broker.queue.max",
                "5000");
        BrokerEndpoint.Embedded e = (BrokerEndpoint.Embedded) s.endpoint();
        assertThat(e.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(e.loopbackOnly()).isTrue();
        assertThat(e.port()).isEqualTo(1884);
        assertThat(e.tls()).contains(new BrokerEndpoint.TlsListener("0.0.0.0", 8883));
        assertThat(e.persistence()).isEqualTo(BrokerEndpoint.Persistence.MEMORY);
        assertThat(e.maxQueuedMessages()).isEqualTo(5000);
        assertThat(((BrokerEndpoint.Embedded) read("broker.tls.port", "0", "broker.tls.host", "10.0.0.2")
                                .endpoint())
                        .tls())
                .contains(new BrokerEndpoint.TlsListener("10.0.0.2", 0));
    }

    @Test
    void thePlainListenerIsRefusedOnAnyAddressButLoopbackBecauseItAuthenticatesNoOne() {
        assertRefused("broker.host", "0.0.0.0", "serves this machine only", "broker.host", "0.0.0.0");
        assertRefused("broker.host", "192.168.1.5", "broker.tls.port", "broker.host", "192.168.1.5");
        assertThat(((BrokerEndpoint.Embedded) read("broker.host", "::1").endpoint()).loopbackOnly())
                .isTrue();
    }

    @Test
    void aTlsHostWithoutATlsPortOrTlsKeysInExternalModeNameTheKey() {
        assertRefused("broker.tls.host", "0.0.0.0", "needs broker.tls.port", "broker.tls.host", "0.0.0.0");
        assertRefused(
                "broker.tls.port",
                "8883",
                "only used with broker.mode = embedded",
                "broker.mode",
                "external",
                "broker.url",
                "tcp://10.0.0.5:1883",
                "broker.tls.port",
                "8883");
        assertRefused("broker.tls.port", "99999", "between 0 and 65535", "broker.tls.port", "99999");
    }

    @Test
    void anExternalTcpBrokerNeedsOnlyItsUrl() {
        BrokerSettings s = read("broker.mode", "external", "broker.url", "tcp://substation-7.local:1883");
        BrokerEndpoint.External e = (BrokerEndpoint.External) s.endpoint();
        assertThat(e.serverUri()).isEqualTo("tcp://substation-7.local:1883");
        assertThat(e.tls()).isEmpty();
    }

    @Test
    void anExternalSslBrokerTakesTheThreePemFiles() throws Exception {
        Path ca = file("ca.crt");
        Path cert = file("eag.crt");
        Path key = file("eag.key");
        BrokerSettings s = read(
                "broker.mode",
                "external",
                "broker.url",
                "ssl://10.0.0.5:8883",
                "broker.tls.ca",
                ca.toString(),
                "broker.tls.cert",
                cert.toString(),
                "broker.tls.key",
                key.toString());
        assertThat(((BrokerEndpoint.External) s.endpoint()).tls()).contains(new BrokerEndpoint.TlsFiles(ca, cert, key));
    }

    @Test
    void anSslUrlWithoutItsCertificateNamesTheMissingKey() throws Exception {
        assertRefused(
                "broker.tls.cert",
                "",
                "required with an ssl://",
                "broker.mode",
                "external",
                "broker.url",
                "ssl://10.0.0.5:8883",
                "broker.tls.ca",
                file("ca.crt").toString(),
                "broker.tls.key",
                file("eag.key").toString());
    }

    @Test
    void aTlsFileThatDoesNotExistIsNamedWithItsPath() throws Exception {
        String missing = dir.resolve("nope.key").toString();
        assertRefused(
                "broker.tls.key",
                missing,
                "does not exist",
                "broker.mode",
                "external",
                "broker.url",
                "ssl://10.0.0.5:8883",
                "broker.tls.ca",
                file("ca.crt").toString(),
                "broker.tls.cert",
                file("eag.crt").toString(),
                "broker.tls.key",
                missing);
    }

    @Test
    void tlsFilesWithAPlainTcpUrlAreRefusedRatherThanIgnored() throws Exception {
        String ca = file("ca.crt").toString();
        assertRefused(
                "broker.tls.ca",
                ca,
                "only used with an ssl://",
                "broker.mode",
                "external",
                "broker.url",
                "tcp://10.0.0.5:1883",
                "broker.tls.ca",
                ca);
    }

    @Test
    void badUrlsAreRefusedWithTheReason() {
        assertRefused(
                "broker.url",
                "mqtts://10.0.0.5:8883",
                "scheme must be tcp or ssl",
                "broker.mode",
                "external",
                "broker.url",
                "mqtts://10.0.0.5:8883");
        assertRefused(
                "broker.url",
                "tcp://10.0.0.5",
                "host and port are required",
                "broker.mode",
                "external",
                "broker.url",
                "tcp://10.0.0.5");
        assertRefused(
                "broker.url",
                "tcp://10.0.0.5:1883/ebc",
                "nothing after the port",
                "broker.mode",
                "external",
                "broker.url",
                "tcp://10.0.0.5:1883/ebc");
        assertRefused(
                "broker.url",
                "tcp://bad host:1883",
                "expected tcp://host:port",
                "broker.mode",
                "external",
                "broker.url",
                "tcp://bad host:1883");
        assertRefused("broker.url", "", "required with broker.mode = external", "broker.mode", "external");
    }

    @Test
    void keysOfTheOtherModeAreRefusedRatherThanIgnored() {
        assertRefused(
                "broker.url",
                "tcp://10.0.0.5:1883",
                "only used with broker.mode = external",
                "broker.url",
                "tcp://10.0.0.5:1883");
        assertRefused(
                "broker.port",
                "1884",
                "only used with broker.mode = embedded",
                "broker.mode",
                "external",
                "broker.url",
                "tcp://10.0.0.5:1883",
                "broker.port",
                "1884");
    }

    @Test
    void outOfRangeAndMistypedValuesNameTheKey() {
        assertRefused("broker.mode", "cloud", "expected one of embedded, external", "broker.mode", "cloud");
        assertRefused("broker.port", "70000", "between 0 and 65535", "broker.port", "70000");
        assertRefused("broker.persistence", "disk", "expected one of file, memory", "broker.persistence", "disk");
        assertRefused("broker.keepalive", "0s", "duration", "broker.keepalive", "0s");
        assertRefused("broker.max.inflight", "0", "between 1 and 65535", "broker.max.inflight", "0");
        assertRefused("broker.host", "0.0.0.0/0", "IP address or host name", "broker.host", "0.0.0.0/0");
    }

    @Test
    void everyKeyThisClassReadsIsDeclaredForTheUnknownKeyCheck() {
        Settings all = Settings.of(Map.of(
                "broker.mode",
                "embedded",
                "broker.host",
                "127.0.0.1",
                "broker.port",
                "1883",
                "broker.queue.max",
                "10",
                "broker.persistence",
                "file",
                "broker.keepalive",
                "30s",
                "broker.connect.timeout",
                "10s",
                "broker.max.inflight",
                "10",
                "broker.tls.host",
                "0.0.0.0",
                "broker.tls.port",
                "8883"));
        all.rejectUnknownKeys(BrokerSettings.KEYS);
        assertThat(BrokerSettings.KEYS).allMatch(k -> k.startsWith("broker.")).hasSize(14);
        assertThatThrownBy(() -> Settings.of(Map.of("broker.prot", "1883")).rejectUnknownKeys(BrokerSettings.KEYS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broker.prot");
    }
}
