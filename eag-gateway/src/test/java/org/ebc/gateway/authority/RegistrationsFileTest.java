package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.ebc.ledger.Registrations;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authority signs who is registered where into registrations.ebc at every change that alters it. */
class RegistrationsFileTest {
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final EagId NORTH = EagId.of("eag-north");
    static final EagId SOUTH = EagId.of("eag-south");

    @TempDir
    Path tmp;

    Path dir;
    CertificateAuthority ca;

    @BeforeEach
    void anAuthorityWithOneEag() {
        dir = tmp.resolve("ca");
        ca = CertificateAuthority.init(dir, "RA", Duration.ofDays(3650), CLOCK);
        ca.issueEag(SimulatedDevice.eag(NORTH.value()).csr(), null, false);
    }

    Registrations registrations() {
        return RegistrationsFile.read(dir.resolve(RegistrationsFile.NAME), ca.root())
                .orElseThrow();
    }

    SimulatedDevice bound(String id, EagId home) {
        SimulatedDevice d = SimulatedDevice.node(id, "M-" + id);
        ca.enrollNode(d.csr(), "Owner of " + id, null, null, false);
        ca.bindWallets(d.walletsRequest(T0), false, home);
        return d;
    }

    @Test
    void aNodeBoundAtAnAuthorityWithOneEagIsAtHomeThereAndEveryEagCanCheckItWithTheRootAlone() throws Exception {
        SimulatedDevice n1 = SimulatedDevice.node("n1", "M1");
        ca.enrollNode(n1.csr(), "Owner", null, null, false);
        ca.bindWallets(n1.walletsRequest(T0), false);

        Registrations r = registrations();
        Registrations.Node node = r.node(NodeId.of("n1")).orElseThrow();
        assertThat(node.home()).isEqualTo(NORTH);
        assertThat(node.active()).isTrue();
        assertThat(node.wallets()).containsExactlyInAnyOrderElementsOf(n1.addresses());
        assertThat(r.byAddress(n1.addresses().get(2)).orElseThrow().node()).isEqualTo(NodeId.of("n1"));
        assertThat(Registrations.verify(Files.readAllBytes(dir.resolve(RegistrationsFile.NAME)), ca.root())
                        .isOk())
                .isTrue();
    }

    @Test
    void withTwoEagsEachNodeKeepsTheHomeItWasGivenAndANewOneNeedsItsHomeNamed() throws Exception {
        bound("n1", null);
        ca.issueEag(SimulatedDevice.eag(SOUTH.value()).csr(), null, false);
        bound("n2", SOUTH);
        SimulatedDevice n3 = SimulatedDevice.node("n3", "M3");
        ca.enrollNode(n3.csr(), "Owner of n3", null, null, false);
        ca.bindWallets(n3.walletsRequest(T0), false);

        Registrations r = registrations();
        assertThat(r.node(NodeId.of("n1")).orElseThrow().home()).isEqualTo(NORTH);
        assertThat(r.node(NodeId.of("n2")).orElseThrow().home()).isEqualTo(SOUTH);
        assertThat(r.node(NodeId.of("n3"))).as("several EAGs: no home guessed").isEmpty();

        assertThat(ca.home(NodeId.of("n3"), SOUTH)).isTrue();
        assertThat(registrations().node(NodeId.of("n3")).orElseThrow().home()).isEqualTo(SOUTH);
        assertThat(AuthorityRegistry.load(dir).homeOf(NodeId.of("n3"))).contains(SOUTH);
    }

    @Test
    void aHomeMustBeAnEagOfThisAuthorityAndTheNodeOneOfItsNodes() {
        bound("n1", null);

        assertThatThrownBy(() -> ca.home(NodeId.of("n1"), EagId.of("eag-elsewhere")))
                .isInstanceOf(AuthorityRefusal.class)
                .hasMessageContaining("eag-elsewhere")
                .hasMessageContaining("no valid EAG certificate");
        assertThatThrownBy(() -> ca.home(NodeId.of("n9"), NORTH))
                .isInstanceOf(AuthorityRefusal.class)
                .hasMessageContaining("n9");
    }

    @Test
    void aRevocationIsSignedWithItsTimeAndEachChangeTakesAHigherRevisionWhileNoChangeTakesNone() {
        bound("n1", null);
        bound("n2", null);
        long before = registrations().seq();

        ca.enrollNode(SimulatedDevice.node("n4", "M4").csr(), "Owner of n4", null, null, false);
        long afterUnrelated = registrations().seq();
        ca.revoke("n2", RevocationReason.KEY_COMPROMISE);
        Registrations revoked = registrations();

        assertThat(afterUnrelated)
                .as("n4 got its home, which changes what the file says")
                .isGreaterThan(before);
        assertThat(revoked.seq()).isGreaterThan(afterUnrelated);
        assertThat(revoked.node(NodeId.of("n2")).orElseThrow().revokedAt()).isEqualTo(T0.toEpochMilli());
        assertThat(revoked.node(NodeId.of("n1")).orElseThrow().active()).isTrue();

        ca.refreshCrl(Duration.ofDays(30));
        assertThat(registrations().seq()).as("a re-signed CRL says nothing new").isEqualTo(revoked.seq());
    }

    @Test
    void aNodeEnrolledAgainAfterItsOldKeyWasReplacedIsRegistered() {
        SimulatedDevice n1 = bound("n1", null);
        ca.enrollNode(n1.withNewKey().csr(), "Owner of n1", null, null, true);

        assertThat(registrations().node(NodeId.of("n1")).orElseThrow().active()).isTrue();
    }
}
