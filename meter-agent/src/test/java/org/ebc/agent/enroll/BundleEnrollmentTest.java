package org.ebc.agent.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.ebc.config.ConfigException;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.Pem;
import org.ebc.testing.TestAuthority;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a meter does with a bundle before and without the enrollment service (the exchange with the real
 * service is in the gateway's ProvisioningIT and InstallIT): it checks the bundle, keeps its keys, and does not
 * ask again once its certificate is installed.
 */
class BundleEnrollmentTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    TestAuthority authority;
    Path bundle;
    Path keys;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void bundle() throws Exception {
        authority = TestAuthority.create("RA", T0);
        bundle = Files.createDirectories(tmp.resolve("bundle"));
        keys = tmp.resolve("keys");
        Pem.writePublic(bundle.resolve("ca.crt"), authority.root());
        // Nothing listens there: every case below must decide without the network.
        Files.writeString(
                bundle.resolve("enroll.properties"),
                "enroll.url = http://127.0.0.1:9\nenroll.token = abc\nauthority.fingerprint = "
                        + BundleEnrollment.fingerprint(authority.root()) + "\n");
    }

    private BundleEnrollment.Result enroll(String node, String meter) throws InterruptedException {
        return new BundleEnrollment(bundle, keys, CLOCK, log::add)
                .enroll(NodeId.of(node), MeterSerial.of(meter), 2, Duration.ZERO, Duration.ofMillis(10));
    }

    @Test
    void aBundleWhoseRootIsNotTheOneItsFingerprintNamesIsRefusedBeforeAnyKeyIsMade() throws Exception {
        Pem.writePublic(
                bundle.resolve("ca.crt"), TestAuthority.create("other", T0).root());

        assertThatThrownBy(() -> enroll("node-1", "SDM-1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("authority.fingerprint");
        assertThat(keys).doesNotExist();
    }

    @Test
    void withoutAnAnswerItMakesItsKeysInstallsTheBundlesRootAndGivesUpAfterTheWaitSayingSo() throws Exception {
        BundleEnrollment.Result r = enroll("node-1", "SDM-1");

        assertThat(r.problem()).contains("no certificate within");
        assertThat(keys.resolve("node.key")).exists();
        assertThat(Pem.readCertificate(keys.resolve("ca.crt"))).isEqualTo(authority.root());
        assertThat(log).anyMatch(l -> l.startsWith("created the keys of node node-1 (key id "));
        assertThat(log).anyMatch(l -> l.contains("not reachable"));
        String key = Files.readString(keys.resolve("node.key"));

        enroll("node-1", "SDM-1");
        assertThat(Files.readString(keys.resolve("node.key")))
                .as("the second run keeps the key")
                .isEqualTo(key);
    }

    @Test
    void keysOfAnotherNodeAreNeverReusedForThisOne() throws Exception {
        enroll("node-1", "SDM-1");

        BundleEnrollment.Result r = enroll("node-2", "SDM-1");

        assertThat(r.problem()).contains("already holds the keys of node node-1");
    }

    @Test
    void anInstalledUsableCertificateEndsItAtOnceWithoutAskingTheService() throws Exception {
        enroll("node-1", "SDM-1");
        PublicKey key = Csrs.check(Pem.readCsr(keys.resolve("node.csr"))).publicKey();
        Pem.writePublic(
                keys.resolve("node.crt"),
                Certificates.issue(
                        authority.root(),
                        authority.rootKeys().getPrivate(),
                        key,
                        CertificateSubject.node("node-1", "Owner", "SDM-1"),
                        T0.minusSeconds(60),
                        T0.plus(Duration.ofDays(30)),
                        BigInteger.TEN,
                        false));
        log.clear();

        BundleEnrollment.Result r = enroll("node-1", "SDM-1");

        assertThat(r.problem()).isNull();
        assertThat(r.check().subject().id()).isEqualTo("node-1");
        assertThat(log).noneMatch(l -> l.contains("sent") || l.contains("not reachable"));
    }
}
