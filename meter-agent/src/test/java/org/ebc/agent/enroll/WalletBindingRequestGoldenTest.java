package org.ebc.agent.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.Hex;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.json.StrictJson;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wallet.WalletBindingRequest;
import org.junit.jupiter.api.Test;

/**
 * {@code golden-wallet-binding/wallets.req} was written by this module's {@link WalletBindingRequest}
 * (node {@code golden-node}, ts 2026-01-01T00:00:00Z, the throw-away keys next to it). The same files sit
 * in the gateway's tests, where the authority must accept them. Here: the agent still writes exactly
 * that format (ECDSA signatures aside, which differ on every signing).
 */
class WalletBindingRequestGoldenTest {
    static final NodeId NODE = NodeId.of("golden-node");
    static final Instant TS = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theAgentStillWritesTheGoldenRequest() throws Exception {
        KeyPair node = keyPair("node.key");
        List<KeyPair> wallets = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            wallets.add(keyPair("wallet-" + i + ".key"));
        }

        byte[] written = WalletBindingRequest.create(NODE, node, wallets, TS);

        assertThat(withoutSignatures(written)).isEqualTo(withoutSignatures(resource("wallets.req")));
    }

    @Test
    void theGoldenRequestIsSignedByTheGoldenNodeKey() throws Exception {
        KeyPair node = keyPair("node.key");

        var result = EnvelopeCodec.verify(
                resource("wallets.req"),
                k -> k.equals(KeyId.of(node.getPublic())) ? Optional.of(node.getPublic()) : Optional.empty());

        assertThat(result.isOk()).as(result.detail()).isTrue();
        assertThat(result.envelope().from()).isEqualTo(NODE.value());
    }

    /** The proofs were signed over the agent's proof message as it was; a changed message fails here. */
    @Test
    void theGoldenWalletProofsVerifyOverTheAgentsProofMessage() throws Exception {
        KeyPair node = keyPair("node.key");
        JsonNode wallets = StrictJson.parseObject(payloadOf(resource("wallets.req")))
                .orElseThrow()
                .get("wallets");

        assertThat(wallets).hasSize(3);
        for (int i = 0; i < 3; i++) {
            KeyPair wallet = keyPair("wallet-" + (i + 1) + ".key");
            WalletAddress address = WalletAddress.of(wallet.getPublic());
            assertThat(wallets.get(i).get("address").textValue()).isEqualTo(address.toString());
            byte[] proof = Hex.parseUpper(wallets.get(i).get("proof").textValue());
            assertThat(Signatures.verify(
                            wallet.getPublic(),
                            WalletBindingRequest.proofMessage(NODE, KeyId.of(node.getPublic()), address),
                            proof))
                    .as("proof of wallet %d", i + 1)
                    .isTrue();
        }
    }

    private static byte[] payloadOf(byte[] envelope) {
        String text = new String(envelope, StandardCharsets.US_ASCII);
        return text.substring("EBC1|".length(), text.lastIndexOf('|')).getBytes(StandardCharsets.US_ASCII);
    }

    private static String withoutSignatures(byte[] envelope) {
        return new String(envelope, StandardCharsets.US_ASCII)
                .replaceAll("\"proof\":\"[0-9A-F]+\"", "\"proof\":\"…\"")
                .replaceAll("\"SD\":\"[0-9A-F]+\"", "\"SD\":\"…\"");
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

    /** The golden key files are SEC1 "EC PRIVATE KEY" PEM (what Pem wrote when they were made), which carries the public key too. */
    private static KeyPair keyPair(String name) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(new String(resource(name), StandardCharsets.US_ASCII)))) {
            return new JcaPEMKeyConverter().setProvider(Crypto.provider()).getKeyPair((PEMKeyPair) p.readObject());
        }
    }
}
