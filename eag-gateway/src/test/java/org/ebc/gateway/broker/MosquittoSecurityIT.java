package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.ebc.config.Settings;
import org.ebc.testing.MosquittoBroker;
import org.ebc.units.EagId;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Mosquitto configuration ({@code src/main/deploy/mosquitto/ebc.conf} and {@code ebc.acl}) run
 * by the real Mosquitto, with only its file paths and port replaced, the way Debian runs it (included
 * from a main config that sets the persistence location), and certificates from a test authority.
 *
 * <p>Mosquitto 2 silently drops a publish the ACL refuses (MQTT 3.1.1 has no way to say no), so "not
 * delivered" is shown by ordering: the forged message is published first, an allowed one from the same
 * client after it; once the subscriber has the allowed one, the forged one would have arrived before it.
 */
@Timeout(60)
class MosquittoSecurityIT {
    private static final Path DEPLOY = Path.of("src/main/deploy/mosquitto");
    private static final String SHIPPED_DIR = "/etc/mosquitto/ebc/";
    private static final String EAG = "eag-01";
    private static final String OTHER_EAG = "eag-02";

    @TempDir
    static Path dir;

    private static MosquittoBroker broker;
    private static BrokerPki authority;
    private static BrokerPki rogue;
    private static String url;
    private static BrokerPki.Issued revoked;

    @BeforeAll
    static void startShippedConfiguration() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        authority = BrokerPki.create(etc, "ebc-test-authority");
        rogue = BrokerPki.create(dir.resolve("rogue"), "rogue-authority");
        // Lands as etc/ca.crt, etc/broker.crt, etc/broker.key: the names ebc.conf expects.
        authority.issueBroker("broker");

        // What `authority mosquitto` writes for a site with these two EAGs.
        Files.writeString(etc.resolve("ebc.acl"), MosquittoAcl.file(List.of(EagId.of(EAG), EagId.of(OTHER_EAG))));
        // The CRL is enabled in the shipped file: a node revoked before the broker starts is refused.
        revoked = authority.issueNode("node-revoked");
        authority.revoke(revoked);
        authority.writeCrl();

        int port = MosquittoBroker.freePort();
        String conf = Files.readString(DEPLOY.resolve("ebc.conf"));
        conf = replaceInSettings(conf, "listener 8883", "listener " + port + " 127.0.0.1", 1);
        conf = replaceInSettings(conf, SHIPPED_DIR, etc.toAbsolutePath() + "/", 5);
        Path confD = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confD.resolve("ebc.conf"), conf);

        Path data = Files.createDirectories(dir.resolve("data"));
        // What Debian's /etc/mosquitto/mosquitto.conf provides around conf.d/ebc.conf (logging to stderr
        // instead of /var/log, so that a refused start shows its reason in the test failure).
        String debianMain = "persistence true\n"
                + "persistence_location " + data.toAbsolutePath() + "/\n"
                + "log_dest stderr\n"
                + "include_dir " + confD.toAbsolutePath() + "\n";
        // Mosquitto started as root reads its files as the "mosquitto" user; the clients' keys stay 0600.
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                if (Files.isDirectory(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
                } else if (!p.getFileName().toString().endsWith(".key")
                        || p.getFileName().toString().equals("broker.key")) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        broker = MosquittoBroker.startWithConfig(dir, debianMain, port);
        url = "ssl://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setSocketFactory(trustOnly(authority.rootCertificate()).getSocketFactory());
        o.setConnectionTimeout(5);
        MqttClient c = new MqttClient(url, "anonymous", new MemoryPersistence());
        try {
            assertThatThrownBy(() -> c.connect(o)).isInstanceOf(MqttException.class);
            assertThat(c.isConnected()).isFalse();
        } finally {
            c.close();
        }
        // The same trust settings with a certificate do get in: the refusal was about the missing certificate.
        try (RecordingSubscriber ok = connect(authority.issueNode("node-with-cert"))) {
            assertThat(ok.client().isConnected()).isTrue();
        }
    }

    @Test
    void aClientWithACertificateFromAnotherAuthorityIsRefused() throws Exception {
        BrokerPki.Issued forged = rogue.issueNode("node-a");
        MqttClient c = new MqttClient(url, "node-a-forged", new MemoryPersistence());
        try {
            assertThatThrownBy(() -> c.connect(options(forged))).isInstanceOf(MqttException.class);
            assertThat(c.isConnected()).isFalse();
        } finally {
            c.close();
        }
    }

    @Test
    void aNodesReadingOnItsOwnTopicIsDeliveredToItsEag() throws Exception {
        try (RecordingSubscriber eag = connect(authority.issueEag(EAG)).subscribe("ebc/v1/" + EAG + "/meter/#");
                RecordingSubscriber node = connect(authority.issueNode("node-d"))) {
            publish(node, "ebc/v1/" + EAG + "/meter/node-d/reading", "T1");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> eag.received.contains("ebc/v1/" + EAG + "/meter/node-d/reading T1"));
        }
    }

    @Test
    void aNodePublishingUnderAnotherNodesTopicIsNotDelivered() throws Exception {
        try (RecordingSubscriber eag = connect(authority.issueEag(EAG)).subscribe("ebc/v1/" + EAG + "/meter/#");
                RecordingSubscriber mallory = connect(authority.issueNode("node-m"))) {
            // Mosquitto acknowledges the forged publish (PUBACK) and drops it: the publisher cannot tell.
            publish(mallory, "ebc/v1/" + EAG + "/meter/node-victim/reading", "forged");
            publish(mallory, "ebc/v1/" + EAG + "/meter/node-m/reading", "own");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> eag.received.contains("ebc/v1/" + EAG + "/meter/node-m/reading own"));
            assertThat(eag.received).containsExactly("ebc/v1/" + EAG + "/meter/node-m/reading own");
        }
    }

    @Test
    void aNodeCannotSpeakForTheConsortiumNorForAnEag() throws Exception {
        try (RecordingSubscriber eag = connect(authority.issueEag(EAG)).subscribe("ebc/v1/#");
                RecordingSubscriber victim =
                        connect(authority.issueNode("node-x")).subscribe("ebc/v1/" + EAG + "/node/node-x/#");
                RecordingSubscriber mallory = connect(authority.issueNode("node-n"))) {
            // A publish returns after the broker's PUBACK, by which time Mosquitto has queued it for every
            // subscriber; anything published later is delivered after it.
            publish(mallory, "ebc/v1/consortium/commit", "forged commit");
            publish(mallory, "ebc/v1/" + EAG + "/market/result", "forged result");
            publish(mallory, "ebc/v1/" + EAG + "/node/node-x/ack", "forged ack");
            publish(mallory, "ebc/v1/" + EAG + "/meter/node-n/reading", "own");
            publish(eag, "ebc/v1/" + EAG + "/node/node-x/ack", "real ack");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> eag.received.contains("ebc/v1/" + EAG + "/meter/node-n/reading own"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> victim.received.contains("ebc/v1/" + EAG + "/node/node-x/ack real ack"));
            // The EAG reads everything of its own EAG, its own ack included; nothing forged is among it.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> eag.received.contains("ebc/v1/" + EAG + "/node/node-x/ack real ack"));
            assertThat(eag.received)
                    .containsExactlyInAnyOrder(
                            "ebc/v1/" + EAG + "/meter/node-n/reading own",
                            "ebc/v1/" + EAG + "/node/node-x/ack real ack");
            assertThat(victim.received).containsExactly("ebc/v1/" + EAG + "/node/node-x/ack real ack");
        }
    }

    @Test
    void anEagAcknowledgesToItsNodeAndNoOtherNodeReadsIt() throws Exception {
        try (RecordingSubscriber alice =
                        connect(authority.issueNode("node-alice")).subscribe("ebc/v1/" + EAG + "/node/node-alice/#");
                RecordingSubscriber bob =
                        connect(authority.issueNode("node-bob")).subscribe("ebc/v1/" + EAG + "/node/+/ack");
                RecordingSubscriber eag = connect(authority.issueEag(EAG))) {
            publish(eag, "ebc/v1/" + EAG + "/node/node-alice/ack", "T7 committed");
            publish(eag, "ebc/v1/" + EAG + "/node/node-bob/ack", "T3 committed");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> bob.received.contains("ebc/v1/" + EAG + "/node/node-bob/ack T3 committed"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> alice.received.contains("ebc/v1/" + EAG + "/node/node-alice/ack T7 committed"));
            assertThat(bob.received).containsExactly("ebc/v1/" + EAG + "/node/node-bob/ack T3 committed");
        }
    }

    @Test
    void anEagReadsOnlyItsOwnMeters() throws Exception {
        try (RecordingSubscriber other = connect(authority.issueEag(OTHER_EAG)).subscribe("ebc/v1/+/meter/#");
                RecordingSubscriber node = connect(authority.issueNode("node-e"))) {
            publish(node, "ebc/v1/" + EAG + "/meter/node-e/reading", "for eag-01");
            publish(node, "ebc/v1/" + OTHER_EAG + "/meter/node-e/reading", "for eag-02");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> other.received.contains("ebc/v1/" + OTHER_EAG + "/meter/node-e/reading for eag-02"));
            assertThat(other.received).containsExactly("ebc/v1/" + OTHER_EAG + "/meter/node-e/reading for eag-02");
        }
    }

    @Test
    void aNodeRevokedInTheCrlIsRefused() throws Exception {
        MqttClient c = new MqttClient(url, "node-revoked", new MemoryPersistence());
        try {
            assertThatThrownBy(() -> c.connect(options(revoked))).isInstanceOf(MqttException.class);
        } finally {
            c.close();
        }
    }

    @Test
    void theBrokersServerCertificateCannotLogInAsAClient() throws Exception {
        // Server authentication only: OpenSSL refuses it as a client certificate, so its CN is never a user.
        Path key = dir.resolve("broker-as-client.key");
        Files.copy(dir.resolve("etc/broker.key"), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        BrokerPki.Issued brokerAsClient = new BrokerPki.Issued("broker", dir.resolve("etc/broker.crt"), key);
        MqttClient c = new MqttClient(url, "broker", new MemoryPersistence());
        try {
            assertThatThrownBy(() -> c.connect(options(brokerAsClient))).isInstanceOf(MqttException.class);
        } finally {
            c.close();
        }
    }

    @Test
    void aNodeReadsItsEagsRetainedCertificateAndMarketButNotAnotherNodesAcks() throws Exception {
        try (RecordingSubscriber eag = connect(authority.issueEag(EAG))) {
            eag.client()
                    .publish("ebc/v1/" + EAG + "/eag/certificate", "EAG PEM".getBytes(StandardCharsets.UTF_8), 1, true);
            try (RecordingSubscriber node = connect(authority.issueNode("node-reader"))
                    .subscribe("ebc/v1/" + EAG + "/eag/certificate")
                    .subscribe("ebc/v1/" + EAG + "/market/#")) {
                publish(eag, "ebc/v1/" + EAG + "/market/price", "p1");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> node.received.containsAll(List.of(
                                "ebc/v1/" + EAG + "/eag/certificate EAG PEM", "ebc/v1/" + EAG + "/market/price p1")));
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** The gateway's own option factory, fed the issued PEM files through the broker.* settings. */
    private static MqttConnectOptions options(BrokerPki.Issued who) {
        BrokerSettings s = BrokerSettings.from(
                Settings.of(Map.of(
                        BrokerSettings.MODE,
                        "external",
                        BrokerSettings.URL,
                        url,
                        BrokerSettings.TLS_CA,
                        authority.rootCertificate().toString(),
                        BrokerSettings.TLS_CERT,
                        who.certificate().toString(),
                        BrokerSettings.TLS_KEY,
                        who.key().toString(),
                        BrokerSettings.CONNECT_TIMEOUT,
                        "5s")),
                dir);
        MqttConnectOptions o = MqttClientOptions.connectOptions(s);
        o.setCleanSession(true); // each test starts from nothing
        return o;
    }

    private static RecordingSubscriber connect(BrokerPki.Issued who) throws MqttException {
        return new RecordingSubscriber(url, who.commonName() + "-" + System.nanoTime()).connect(options(who));
    }

    private static void publish(RecordingSubscriber as, String topic, String text) throws MqttException {
        as.client().publish(topic, text.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static SSLContext trustOnly(Path rootPem) throws Exception {
        List<X509Certificate> roots = PemTlsContext.certificates(rootPem, BrokerSettings.TLS_CA);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", roots.get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Replaces {@code from} in the setting lines (not comments), expecting it on exactly {@code lines} lines. */
    private static String replaceInSettings(String text, String from, String to, int lines) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("#") && line.contains(from)) {
                line = line.replace(from, to);
                count++;
            }
            out.append(line).append('\n');
        }
        if (count != lines) {
            throw new AssertionError("the shipped ebc.conf was expected to use '" + from + "' on " + lines
                    + " setting line(s) but uses it on " + count + ": update this test's templating with the file");
        }
        return out.substring(0, out.length() - 1);
    }
}
