package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.ebc.crypto.Pem;
import org.ebc.testing.TestAuthority;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorityRegistryTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    Path dir;
    CertificateAuthority ca;
    SimulatedDevice meter;
    IssuedEntry eag;
    IssuedEntry node;

    @BeforeEach
    void populate() {
        dir = tmp.resolve("ca");
        ca = CertificateAuthority.init(dir, "RA", Duration.ofDays(3650), CLOCK);
        eag = ca.issueEag(SimulatedDevice.eag("eag-1").csr(), Duration.ofDays(365), false)
                .entry();
        meter = SimulatedDevice.node("n1", "M1", 2);
        node = ca.enrollNode(meter.csr(), "Ünïcode Owner, Straße 1").entry();
        ca.bindWallets(meter.walletsRequest(T0), false);
        ca.revoke("eag-1", RevocationReason.CESSATION_OF_OPERATION);
    }

    @Test
    void aLoadedRegistryGivesBackEverythingThatWasRecorded() {
        AuthorityRegistry reg = AuthorityRegistry.load(dir);

        assertThat(reg.root()).isEqualTo(ca.root());
        assertThat(reg.nodes()).containsExactly(node);
        assertThat(reg.eags()).hasSize(1);
        IssuedEntry revokedEag = reg.eags().get(0);
        assertThat(revokedEag.revocation())
                .isEqualTo(new IssuedEntry.Revocation(T0, RevocationReason.CESSATION_OF_OPERATION));
        assertThat(revokedEag.certificate()).isEqualTo(eag.certificate());
        assertThat(reg.revokedSerials()).containsExactly(eag.serial());
        assertThat(reg.revocationList().serials()).containsExactly(eag.serial());
        assertThat(reg.current("n1", T0)).contains(node);
        assertThat(reg.current("eag-1", T0)).isEmpty();
        assertThat(reg.nodeByKey(node.keyId())).contains(node);
        assertThat(reg.walletsOf(NodeId.of("n1")).orElseThrow().addresses())
                .containsExactlyElementsOf(meter.addresses());
        assertThat(node.trueIdentity()).isEqualTo("Ünïcode Owner, Straße 1");
    }

    @Test
    void aHandEditedFieldIsRefusedNamingTheEntryAndField() throws Exception {
        Path file = dir.resolve("registry.json");
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(
                file, json.replace("\"Ünïcode Owner, Straße 1\"", "\"Someone Else\""), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> AuthorityRegistry.load(dir))
                .isInstanceOfSatisfying(
                        AuthorityRefusal.class, e -> assertThat(e.reason()).isEqualTo(RefusalReason.NOT_AN_AUTHORITY))
                .hasMessageContaining("registry.json")
                .hasMessageContaining("certificates[1].trueIdentity")
                .hasMessageContaining("Someone Else");
    }

    @Test
    void aCertificateFromAnotherAuthorityInTheRegistryIsRefusedAsWrongCa() throws Exception {
        Path file = dir.resolve("registry.json");
        String json = Files.readString(file, StandardCharsets.UTF_8);
        String foreign =
                Pem.encode(TestAuthority.create("RA", T0).node("n1", "M1").certificate());
        String ours = Pem.encode(node.certificate());
        Files.writeString(file, json.replace(jsonString(ours), jsonString(foreign)), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> AuthorityRegistry.load(dir))
                .isInstanceOf(AuthorityRefusal.class)
                .hasMessageContaining("certificates[1]")
                .hasMessageContaining("wrong CA");
    }

    @Test
    void aRegistryThatIsNotJsonIsRefusedNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("registry.json"), "{\"format\": ");

        assertThatThrownBy(() -> AuthorityRegistry.load(dir))
                .isInstanceOf(AuthorityRefusal.class)
                .hasMessageContaining(dir.resolve("registry.json").toString())
                .hasMessageContaining("not valid JSON");
    }

    private static String jsonString(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
