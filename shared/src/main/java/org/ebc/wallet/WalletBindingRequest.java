package org.ebc.wallet;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.ebc.crypto.Hex;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.json.StrictJson;
import org.ebc.units.NodeId;

/**
 * Writes the request that binds a node's ω wallet addresses to it ({@code wallets.req}): a signed
 * envelope (DESIGN §3) signed by the node key, which the authority checks against the node's certificate:
 *
 * <pre>
 * EBC1|{"typ":"wallet-binding","from":"&lt;node id&gt;","seq":0,"ts":&lt;ms&gt;,
 *       "wallets":[{"address":"&lt;address&gt;","publicKey":"&lt;base64 SubjectPublicKeyInfo DER&gt;",
 *                   "proof":"&lt;uppercase hex DER signature&gt;"}, …]}|{"KI":…,"SA":…,"SD":…}
 * </pre>
 *
 * Each {@code proof} is the wallet key's signature over the ASCII bytes
 * {@code ebc-wallet-binding|<node id>|<node key id>|<address>}: it proves the node holds the wallet key,
 * so no node can bind another's address to itself. The meter agent writes it at enrollment; the
 * authority checks it ({@code org.ebc.gateway.authority.WalletBindingReview}). A golden request in both
 * modules' tests pins the format.
 */
public final class WalletBindingRequest {
    public static final String TYPE = "wallet-binding";
    public static final int MAX_WALLETS = 16;

    private WalletBindingRequest() {}

    /** Builds and signs a request: each wallet key signs its proof, the node key the envelope. */
    public static byte[] create(NodeId node, KeyPair nodeKeys, List<KeyPair> walletKeys, Instant at) {
        if (walletKeys.isEmpty() || walletKeys.size() > MAX_WALLETS) {
            throw new IllegalArgumentException(
                    "a node binds 1 to " + MAX_WALLETS + " wallets, not " + walletKeys.size());
        }
        KeyId nodeKey = KeyId.of(nodeKeys.getPublic());
        byte[] payload = StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", node.value());
            g.writeNumberField("seq", 0);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeArrayFieldStart("wallets");
            for (KeyPair w : walletKeys) {
                WalletAddress address = WalletAddress.of(w.getPublic());
                g.writeStartObject();
                g.writeStringField("address", address.toString());
                g.writeStringField(
                        "publicKey",
                        Base64.getEncoder().encodeToString(w.getPublic().getEncoded()));
                g.writeStringField(
                        "proof", Hex.upper(Signatures.sign(w.getPrivate(), proofMessage(node, nodeKey, address))));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return EnvelopeCodec.sign(payload, nodeKeys.getPrivate(), nodeKey);
    }

    /** The bytes a wallet key signs to prove that the node holds it. */
    public static byte[] proofMessage(NodeId node, KeyId nodeKey, WalletAddress address) {
        return ("ebc-wallet-binding|" + node.value() + "|" + nodeKey.hex() + "|" + address)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
