package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.ebc.crypto.Hex;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.json.StrictJson;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wallet.WalletBindingRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletBindingTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    Path dir;
    CertificateAuthority ca;
    SimulatedDevice meter;

    @BeforeEach
    void enrollOneNode() {
        dir = tmp.resolve("ca");
        ca = CertificateAuthority.init(dir, "RA", Duration.ofDays(3650), CLOCK);
        meter = SimulatedDevice.node("n1", "M1");
        ca.enrollNode(meter.csr(), "Owner", null, Duration.ofDays(30), false);
    }

    private static AuthorityRefusal refusal(Runnable r) {
        try {
            r.run();
        } catch (AuthorityRefusal e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void bindingRecordsTheAddressesAndPublicKeysOfTheNodesWalletKeys() {
        BindingOutcome outcome = ca.bindWallets(meter.walletsRequest(T0), false);

        assertThat(outcome.changed()).isTrue();
        AuthorityRegistry reg = AuthorityRegistry.load(dir);
        WalletBinding b = reg.walletsOf(NodeId.of("n1")).orElseThrow();
        assertThat(b.addresses()).containsExactlyElementsOf(meter.addresses());
        assertThat(b.wallets())
                .extracting(WalletBinding.Wallet::publicKey)
                .containsExactlyElementsOf(
                        meter.wallets.stream().map(KeyPair::getPublic).toList());
        assertThat(b.requestedAt()).isEqualTo(T0);
        for (WalletAddress a : meter.addresses()) {
            assertThat(reg.ownerOf(a)).contains(NodeId.of("n1"));
        }
        assertThat(reg.walletKey(meter.addresses().get(1)))
                .contains(meter.wallets.get(1).getPublic());
    }

    @Test
    void theSameRequestTwiceChangesNothing() {
        ca.bindWallets(meter.walletsRequest(T0), false);

        BindingOutcome again = ca.bindWallets(meter.walletsRequest(T0), false);

        assertThat(again.changed()).isFalse();
        assertThat(AuthorityRegistry.load(dir).walletBindings()).hasSize(1);
    }

    @Test
    void aRequestFromANodeThatIsNotEnrolledIsRefusedNamingTheNode() {
        SimulatedDevice stranger = SimulatedDevice.node("n9", "M9");

        AuthorityRefusal e = refusal(() -> ca.bindWallets(stranger.walletsRequest(T0), false));

        assertThat(e.reason()).isEqualTo(RefusalReason.UNKNOWN_NODE);
        assertThat(e.getMessage()).contains("'n9'", "not enrolled here");
    }

    @Test
    void aNodeWhoseCertificateExpiredIsRefused() {
        CertificateAuthority later =
                CertificateAuthority.open(dir, Clock.fixed(T0.plus(Duration.ofDays(31)), ZoneOffset.UTC));

        AuthorityRefusal e =
                refusal(() -> later.bindWallets(meter.walletsRequest(T0.plus(Duration.ofDays(31))), false));

        assertThat(e.reason()).isEqualTo(RefusalReason.NODE_CERTIFICATE_INVALID);
        assertThat(e.getMessage()).contains("n1", "EXPIRED");
    }

    @Test
    void aRevokedNodeIsRefused() {
        ca.revoke("n1", RevocationReason.KEY_COMPROMISE);

        AuthorityRefusal e = refusal(() -> ca.bindWallets(meter.walletsRequest(T0), false));

        assertThat(e.reason()).isEqualTo(RefusalReason.NODE_CERTIFICATE_INVALID);
        assertThat(e.getMessage()).contains("n1", "REVOKED");
    }

    @Test
    void aRequestAlteredAfterSigningIsRefused() {
        byte[] raw = meter.walletsRequest(T0);
        String text = new String(raw, StandardCharsets.US_ASCII).replace("\"seq\":0", "\"seq\":1");

        AuthorityRefusal e = refusal(() -> ca.bindWallets(text.getBytes(StandardCharsets.US_ASCII), false));

        assertThat(e.reason()).isEqualTo(RefusalReason.BAD_REQUEST);
        assertThat(e.getMessage()).contains("does not verify");
    }

    @Test
    void somethingOtherThanASignedRequestIsRefused() {
        AuthorityRefusal e = refusal(
                () -> ca.bindWallets("-----BEGIN CERTIFICATE REQUEST-----".getBytes(StandardCharsets.US_ASCII), false));

        assertThat(e.reason()).isEqualTo(RefusalReason.BAD_REQUEST);
    }

    @Test
    void aWalletWhoseKeyDidNotSignItsProofIsRefused() {
        KeyPair wallet = KeyPairs.generate();
        KeyPair impostor = KeyPairs.generate();
        KeyId nodeKey = KeyId.of(meter.keys.getPublic());
        WalletAddress address = WalletAddress.of(wallet.getPublic());
        byte[] payload = StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", "wallet-binding");
            g.writeStringField("from", "n1");
            g.writeNumberField("seq", 0);
            g.writeNumberField("ts", T0.toEpochMilli());
            g.writeArrayFieldStart("wallets");
            g.writeStartObject();
            g.writeStringField("address", address.toString());
            g.writeStringField(
                    "publicKey",
                    Base64.getEncoder().encodeToString(wallet.getPublic().getEncoded()));
            g.writeStringField(
                    "proof",
                    Hex.upper(Signatures.sign(
                            impostor.getPrivate(),
                            WalletBindingRequest.proofMessage(NodeId.of("n1"), nodeKey, address))));
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });

        AuthorityRefusal e =
                refusal(() -> ca.bindWallets(EnvelopeCodec.sign(payload, meter.keys.getPrivate(), nodeKey), false));

        assertThat(e.reason()).isEqualTo(RefusalReason.WALLET_PROOF_INVALID);
        assertThat(e.getMessage()).contains(address.toString());
    }

    @Test
    void anAddressBoundToAnotherNodeIsRefused() {
        ca.bindWallets(meter.walletsRequest(T0), false);
        SimulatedDevice clone = SimulatedDevice.node("n2", "M2").withWallets(List.of(meter.wallets.get(0)));
        ca.enrollNode(clone.csr(), "Owner 2");

        AuthorityRefusal e = refusal(() -> ca.bindWallets(clone.walletsRequest(T0), false));

        assertThat(e.reason()).isEqualTo(RefusalReason.ADDRESS_TAKEN);
        assertThat(e.getMessage()).contains(meter.addresses().get(0).toString(), "n1");
    }

    @Test
    void otherWalletsReplaceABindingOnlyWithReplaceAndANewerRequest() {
        ca.bindWallets(meter.walletsRequest(T0), false);
        List<KeyPair> fresh = new ArrayList<>(List.of(meter.wallets.get(0), KeyPairs.generate()));
        SimulatedDevice rewalleted = meter.withWallets(fresh);

        assertThat(refusal(() -> ca.bindWallets(rewalleted.walletsRequest(T0.plusSeconds(60)), false))
                        .reason())
                .isEqualTo(RefusalReason.ALREADY_BOUND);
        assertThat(refusal(() -> ca.bindWallets(rewalleted.walletsRequest(T0.minusSeconds(60)), true))
                        .reason())
                .isEqualTo(RefusalReason.STALE_REQUEST);

        BindingOutcome replaced = ca.bindWallets(rewalleted.walletsRequest(T0.plusSeconds(60)), true);

        assertThat(replaced.released())
                .containsExactlyElementsOf(meter.addresses().subList(1, 3));
        assertThat(AuthorityRegistry.load(dir)
                        .walletsOf(NodeId.of("n1"))
                        .orElseThrow()
                        .addresses())
                .containsExactlyElementsOf(rewalleted.addresses());
    }

    @Test
    void aRequestDatedFarInTheFutureIsRefused() {
        AuthorityRefusal e = refusal(() -> ca.bindWallets(meter.walletsRequest(T0.plus(Duration.ofDays(2))), false));

        assertThat(e.reason()).isEqualTo(RefusalReason.BAD_REQUEST);
        assertThat(e.getMessage()).contains("meter's clock");
    }
}
