package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.ebc.crypto.Crypto;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wallet.WalletBindingRequest;
import org.junit.jupiter.api.Test;

/**
 * The wallet-binding format is written by the meter agent and read here, and the two modules cannot see
 * each other. {@code golden-wallet-binding/wallets.req} was written by the agent's
 * {@code WalletBindingRequest.create} (node {@code golden-node}, ts 2026-01-01T00:00:00Z, the three wallet
 * keys next to it; throw-away keys made for this test only); the same files sit in the agent's tests, which check that the agent still writes it.
 * Here: the authority accepts it, and the authority's own writer produces the same payload.
 */
class WalletBindingRequestGoldenTest {
    static final NodeId NODE = NodeId.of("golden-node");
    static final Instant TS = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theAuthorityAcceptsTheRequestTheAgentWrote() throws Exception {
        WalletBindingReview.Check check = WalletBindingReview.verify(
                resource("wallets.req"), NODE, keyPair("node.key").getPublic());

        assertThat(check.isOk()).as(check.problem()).isTrue();
        assertThat(check.request().node()).isEqualTo(NODE);
        assertThat(check.request().requestedAt()).isEqualTo(TS);
        assertThat(check.request().wallets())
                .extracting(WalletBinding.Wallet::address)
                .containsExactlyElementsOf(walletKeys().stream()
                        .map(k -> WalletAddress.of(k.getPublic()))
                        .toList());
    }

    @Test
    void theGoldenRequestIsRefusedForAnyOtherNode() throws Exception {
        WalletBindingReview.Check check = WalletBindingReview.verify(
                resource("wallets.req"),
                NodeId.of("other-node"),
                keyPair("node.key").getPublic());

        assertThat(check.refusal()).isEqualTo(RefusalReason.BAD_REQUEST);
    }

    @Test
    void theAuthoritysWriterProducesTheAgentsPayloadApartFromTheRandomisedSignatures() throws Exception {
        KeyPair node = keyPair("node.key");

        byte[] ours = WalletBindingRequest.create(NODE, node, walletKeys(), TS);

        assertThat(withoutSignatures(ours)).isEqualTo(withoutSignatures(resource("wallets.req")));
        assertThat(WalletBindingReview.verify(ours, NODE, node.getPublic()).isOk())
                .isTrue();
    }

    /** ECDSA signatures differ on every signing; everything else must be byte for byte the same. */
    private static String withoutSignatures(byte[] envelope) {
        return new String(envelope, StandardCharsets.US_ASCII)
                .replaceAll("\"proof\":\"[0-9A-F]+\"", "\"proof\":\"…\"")
                .replaceAll("\"SD\":\"[0-9A-F]+\"", "\"SD\":\"…\"");
    }

    private List<KeyPair> walletKeys() throws IOException {
        List<KeyPair> out = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            out.add(keyPair("wallet-" + i + ".key"));
        }
        return out;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in =
                WalletBindingRequestGoldenTest.class.getResourceAsStream("golden-wallet-binding/" + name)) {
            if (in == null) {
                throw new IOException("test resource golden-wallet-binding/" + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    private static Object pem(String name) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(new String(resource(name), StandardCharsets.US_ASCII)))) {
            return p.readObject();
        }
    }

    /** The golden key files are SEC1 "EC PRIVATE KEY" PEM (what Pem wrote when they were made), which carries the public key too. */
    private static KeyPair keyPair(String name) throws IOException {
        return new JcaPEMKeyConverter().setProvider(Crypto.provider()).getKeyPair((PEMKeyPair) pem(name));
    }
}
