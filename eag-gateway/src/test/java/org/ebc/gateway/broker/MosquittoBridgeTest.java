package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.KeyPairs;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.RevocationReason;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoBridgeTest {
    private static final Path DEPLOY = Path.of("src/main/deploy/mosquitto");
    private static final EagId E1 = EagId.of("eag-01");
    private static final EagId E2 = EagId.of("eag-02");
    private static final EagId E3 = EagId.of("eag-03");
    private static final EagId E4 = EagId.of("eag-04");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path tmp;

    /** The example shipped in deploy/mosquitto is exactly what the generator writes for its four substations. */
    static String shippedExample() {
        return MosquittoBridge.config(
                E1,
                List.of(
                        new MosquittoBridge.Peer(E2, "mqtt.eag-02.example.net", 8883),
                        new MosquittoBridge.Peer(E3, "mqtt.eag-03.example.net", 8883),
                        new MosquittoBridge.Peer(E4, "mqtt.eag-04.example.net", 8883)),
                MosquittoBridge.IdentityFiles.shipped(E1),
                MosquittoBridge.Timing.SHIPPED);
    }

    @Test
    void theShippedExampleIsTheGeneratorsOutput() throws Exception {
        String expected = shippedExample();
        Path shipped = DEPLOY.resolve("ebc-bridge.conf.example");
        if (!Files.exists(shipped) || !Files.readString(shipped).equals(expected)) {
            Path fresh = Path.of("target/ebc-bridge.conf.example");
            Files.writeString(fresh, expected, StandardCharsets.UTF_8);
            throw new AssertionError(shipped + " differs from MosquittoBridge.config(...): the generated text is in "
                    + fresh.toAbsolutePath() + "; copy it over if the change is intended");
        }
    }

    @Test
    void eachPeerGetsOneTlsBridgeThatPushesOnlyThisEagsConsortiumMessagesWithQosOne() {
        String conf = shippedExample();
        assertThat(lines(conf, "connection "))
                .containsExactly("connection ebc-eag-02", "connection ebc-eag-03", "connection ebc-eag-04");
        // Only "out" topic lines: nothing is pulled from a peer, nothing another peer sent is forwarded.
        assertThat(lines(conf, "topic "))
                .containsOnly("topic ebc/v1/consortium/eag-01/# out 1")
                .hasSize(3);
        assertThat(lines(conf, "address "))
                .containsExactly(
                        "address mqtt.eag-02.example.net:8883",
                        "address mqtt.eag-03.example.net:8883",
                        "address mqtt.eag-04.example.net:8883");
        assertThat(lines(conf, "bridge_certfile "))
                .containsOnly("bridge_certfile /etc/mosquitto/ebc/bridge/eag-01.crt");
        assertThat(lines(conf, "bridge_insecure ")).containsOnly("bridge_insecure false");
        assertThat(lines(conf, "bridge_tls_version ")).containsOnly("bridge_tls_version tlsv1.2");
        assertThat(lines(conf, "cleansession ")).containsOnly("cleansession false");
        assertThat(lines(conf, "local_cleansession ")).containsOnly("local_cleansession false");
        assertThat(lines(conf, "notification_topic "))
                .containsExactly(
                        "notification_topic ebc/v1/eag-01/bridge/eag-02/state",
                        "notification_topic ebc/v1/eag-01/bridge/eag-03/state",
                        "notification_topic ebc/v1/eag-01/bridge/eag-04/state");
    }

    @Test
    void peersAreListedInIdOrderWhateverOrderTheyAreGivenIn() {
        String conf = MosquittoBridge.config(
                E2,
                List.of(new MosquittoBridge.Peer(E4, "10.0.0.4", 8883), new MosquittoBridge.Peer(E1, "10.0.0.1", 9883)),
                MosquittoBridge.IdentityFiles.shipped(E2),
                MosquittoBridge.Timing.SHIPPED);
        assertThat(lines(conf, "address ")).containsExactly("address 10.0.0.1:9883", "address 10.0.0.4:8883");
        assertThat(lines(conf, "remote_clientid ")).containsOnly("remote_clientid eag-02.bridge");
    }

    @Test
    void aSubstationCannotBridgeToItself() {
        assertThatThrownBy(() -> MosquittoBridge.config(
                        E1,
                        List.of(new MosquittoBridge.Peer(E1, "10.0.0.1", 8883)),
                        MosquittoBridge.IdentityFiles.shipped(E1),
                        MosquittoBridge.Timing.SHIPPED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eag-01");
    }

    @Test
    void aPeerHostWithSpacesOrACommentSignIsRefused() {
        assertThatThrownBy(() -> new MosquittoBridge.Peer(E2, "10.0.0.2 #x", 8883))
                .hasMessageContaining("eag-02");
        assertThatThrownBy(() -> new MosquittoBridge.Peer(E2, "10.0.0.2", 0)).hasMessageContaining("port 0");
    }

    @Test
    void aKeepAliveBelowMosquittosMinimumIsRefused() {
        assertThatThrownBy(() ->
                        new MosquittoBridge.Timing(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .hasMessageContaining("at least 5 s");
        assertThatThrownBy(() -> new MosquittoBridge.Timing(
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .hasMessageContaining("base <= cap");
    }

    @Test
    void aPeerMayWriteOnlyItsOwnOriginAndItsBridgeStateAndReadNothing() {
        String acl = MosquittoBridge.peerAclSection(E1, E2);
        assertThat(acl.lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .containsExactly(
                        "user eag-02",
                        "topic write ebc/v1/consortium/eag-02/#",
                        "topic write ebc/v1/eag-02/bridge/eag-01/state");
    }

    @Test
    void theHomeEagReadsTheStatesOfTheBridgesBothWays() {
        assertThat(MosquittoBridge.homeAclSection(E1).lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .containsExactly(
                        "user eag-01",
                        "topic read ebc/v1/eag-01/bridge/+/state",
                        "topic read ebc/v1/+/bridge/eag-01/state");
    }

    @Test
    void thePeersComeFromTheAuthoritysCurrentEagCertificates() {
        CertificateAuthority ca = authorityWith("eag-01", "eag-02", "eag-03", "eag-04");
        ca.revoke("eag-04", RevocationReason.CESSATION_OF_OPERATION);
        Map<EagId, MosquittoBridge.Peer> addresses = Map.of(
                E2, new MosquittoBridge.Peer(E2, "10.0.0.2", 8883),
                E3, new MosquittoBridge.Peer(E3, "10.0.0.3", 8883));
        List<MosquittoBridge.Peer> peers = MosquittoBridge.peersFrom(ca.registry(), E1, addresses, T0, "bridge.peer");
        assertThat(peers).extracting(MosquittoBridge.Peer::eag).containsExactly(E2, E3);
    }

    @Test
    void aConsortiumMemberWithoutAnAddressIsAConfigurationErrorNamingIt() {
        CertificateAuthority ca = authorityWith("eag-01", "eag-02", "eag-03");
        Map<EagId, MosquittoBridge.Peer> addresses = Map.of(E2, new MosquittoBridge.Peer(E2, "10.0.0.2", 8883));
        assertThatThrownBy(() -> MosquittoBridge.peersFrom(ca.registry(), E1, addresses, T0, "bridge.peer"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bridge.peer.eag-03");
    }

    @Test
    void anAddressForAnEagTheAuthorityDoesNotKnowIsAConfigurationError() {
        CertificateAuthority ca = authorityWith("eag-01", "eag-02");
        Map<EagId, MosquittoBridge.Peer> addresses = Map.of(
                E2, new MosquittoBridge.Peer(E2, "10.0.0.2", 8883),
                E3, new MosquittoBridge.Peer(E3, "10.0.0.3", 8883));
        assertThatThrownBy(() -> MosquittoBridge.peersFrom(ca.registry(), E1, addresses, T0, "bridge.peer"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bridge.peer.eag-03")
                .hasMessageContaining("10.0.0.3");
    }

    private CertificateAuthority authorityWith(String... eags) {
        CertificateAuthority ca = CertificateAuthority.init(
                tmp.resolve("ca"), "RA", Duration.ofDays(3650), Clock.fixed(T0, ZoneOffset.UTC));
        for (String e : eags) {
            ca.issueEag(Csrs.create(KeyPairs.generate(), CertificateSubject.eag(e)), Duration.ofDays(30), false);
        }
        return ca;
    }

    private static List<String> lines(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
