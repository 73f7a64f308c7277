package org.ebc.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.RevocationList;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.RevocationReason;
import org.ebc.gateway.verify.NodeStanding;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wallet.WalletBindingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing nodes, wallets and revocations from a real authority directory written by the authority's own code. */
class AuthorityImportTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void nodesAndWalletsAreImportedAndARevocationTakesEffectOnTheNextCheck() {
        Path authorityDir = dir.resolve("authority");
        CertificateAuthority ca = CertificateAuthority.init(
                authorityDir, "Substation Authority", CertificateAuthority.DEFAULT_AUTHORITY_VALIDITY, CLOCK);
        KeyPair nodeKeys = KeyPairs.generate();
        ca.enrollNode(Csrs.create(nodeKeys, CertificateSubject.node("house-1", null, "SDM-1")), "Alice Example");
        KeyPair wallet = KeyPairs.generate();
        ca.bindWallets(WalletBindingRequest.create(NodeId.of("house-1"), nodeKeys, List.of(wallet), NOW), false);

        InMemoryAccountPool pool = new InMemoryAccountPool();
        Revocations revocations = new Revocations(RevocationList.EMPTY);
        NodeCredentials credentials = new NodeCredentials(revocations);
        CertificateAdmission admission = new CertificateAdmission(
                new CertificateValidator(ca.root(), revocations::current), pool, credentials, CLOCK);
        AuthorityImport authorityImport = new AuthorityImport(authorityDir, revocations, admission, pool, CLOCK);

        assertThat(authorityImport.check()).isTrue();
        assertThat(authorityImport.check()).as("nothing changed").isFalse();
        NodeRecord house = pool.node(NodeId.of("house-1")).orElseThrow();
        assertThat(house.trueIdentity()).isEqualTo("Alice Example");
        assertThat(house.source()).isEqualTo("authority");
        assertThat(pool.ownerOf(WalletAddress.of(wallet.getPublic()))).contains(NodeId.of("house-1"));
        assertThat(credentials.standing(NodeId.of("house-1"), NOW).status()).isEqualTo(NodeStanding.Status.TRUSTED);

        ca.revoke("house-1", RevocationReason.KEY_COMPROMISE);

        assertThat(authorityImport.check()).isTrue();
        assertThat(credentials.standing(NodeId.of("house-1"), NOW).status()).isEqualTo(NodeStanding.Status.REVOKED);
    }
}
