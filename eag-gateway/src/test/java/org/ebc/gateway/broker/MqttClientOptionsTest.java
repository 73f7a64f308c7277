package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttClientOptionsTest {
    @TempDir
    Path dir;

    private MqttConnectOptions external(Path ca, Path cert, Path key) {
        return MqttClientOptions.connectOptions(BrokerSettings.from(
                Settings.of(Map.of(
                        "broker.mode",
                        "external",
                        "broker.url",
                        "ssl://127.0.0.1:8883",
                        "broker.tls.ca",
                        ca.toString(),
                        "broker.tls.cert",
                        cert.toString(),
                        "broker.tls.key",
                        key.toString())),
                dir));
    }

    @Test
    void theGatewayKeepsItsSessionAndReconnectsByItself() {
        MqttConnectOptions o = MqttClientOptions.connectOptions(BrokerSettings.from(
                Settings.of(Map.of(
                        "broker.keepalive", "45s", "broker.connect.timeout", "7s", "broker.max.inflight", "250")),
                dir));
        assertThat(o.isCleanSession()).isFalse();
        assertThat(o.isAutomaticReconnect()).isFalse();
        assertThat(o.getMqttVersion()).isEqualTo(MqttConnectOptions.MQTT_VERSION_3_1_1);
        assertThat(o.getKeepAliveInterval()).isEqualTo(45);
        assertThat(o.getConnectionTimeout()).isEqualTo(7);
        assertThat(o.getMaxInflight()).isEqualTo(250);
    }

    @Test
    void plainSocketsHaveNagleOff() throws Exception {
        SocketFactory f = MqttClientOptions.connectOptions(BrokerSettings.from(Settings.of(Map.of()), dir))
                .getSocketFactory();
        assertThat(f).isNotInstanceOf(SSLSocketFactory.class);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket unconnected = f.createSocket();
                Socket connected = f.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThat(unconnected.getTcpNoDelay()).isTrue();
            assertThat(connected.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void sslSocketsComeFromThePemFilesWithNagleOffAndOnlyTls12Or13() throws Exception {
        BrokerPki authority = BrokerPki.create(dir, "authority");
        BrokerPki.Issued eag = authority.issueEag("eag-01");
        MqttConnectOptions o = external(authority.rootCertificate(), eag.certificate(), eag.key());
        assertThat(o.getSocketFactory()).isInstanceOf(SSLSocketFactory.class);
        assertThat(o.isHttpsHostnameVerificationEnabled()).isTrue();
        assertThat(o.isCleanSession()).isFalse();
        try (Socket s = o.getSocketFactory().createSocket()) {
            assertThat(s).isInstanceOf(SSLSocket.class);
            assertThat(s.getTcpNoDelay()).isTrue();
            assertThat(((SSLSocket) s).getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefusedAtStart() throws Exception {
        BrokerPki authority = BrokerPki.create(dir, "authority");
        BrokerPki.Issued eag = authority.issueEag("eag-01");
        BrokerPki.Issued other = authority.issueEag("eag-02");
        assertThatThrownBy(() -> external(authority.rootCertificate(), eag.certificate(), other.key()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("broker.tls.key"))
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void filesWithTheWrongPemContentNameTheirKey() throws Exception {
        BrokerPki authority = BrokerPki.create(dir, "authority");
        BrokerPki.Issued eag = authority.issueEag("eag-01");
        assertThatThrownBy(() -> external(eag.key(), eag.certificate(), eag.key()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("broker.tls.ca"))
                .hasMessageContaining("not a certificate");
        Path certificateAsKey = Files.copy(eag.certificate(), dir.resolve("certificate-as.key"));
        Files.setPosixFilePermissions(certificateAsKey, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> external(authority.rootCertificate(), eag.certificate(), certificateAsKey))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("broker.tls.key"))
                .hasMessageContaining("not a private key");
        Path garbage = Files.writeString(
                dir.resolve("garbage.crt"),
                "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> external(authority.rootCertificate(), garbage, eag.key()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("broker.tls.cert"));
    }

    @Test
    void aKeyFileOthersMayReadIsRefused() throws Exception {
        BrokerPki authority = BrokerPki.create(dir, "authority");
        BrokerPki.Issued eag = authority.issueEag("eag-01");
        Files.setPosixFilePermissions(eag.key(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> external(authority.rootCertificate(), eag.certificate(), eag.key()))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("broker.tls.key"))
                .hasMessageContaining("chmod 600");
    }

    @Test
    void anEncryptedKeyIsRefused() throws Exception {
        BrokerPki authority = BrokerPki.create(dir, "authority");
        BrokerPki.Issued eag = authority.issueEag("eag-01");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(
                    g.generateKeyPair().getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                            .setProvider(new BouncyCastleProvider())
                            .setPassword("secret".toCharArray())
                            .build()));
        }
        Path encrypted = Files.writeString(dir.resolve("encrypted.key"), w.toString());
        Files.setPosixFilePermissions(encrypted, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> external(authority.rootCertificate(), eag.certificate(), encrypted))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.key()).isEqualTo("broker.tls.key"))
                .hasMessageContaining("not a private key");
    }
}
