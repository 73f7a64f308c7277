package org.ebc.gateway.authority;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ebc.crypto.Hex;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wallet.WalletBindingRequest;

/**
 * A node's request to bind its ω wallet addresses to it ({@code wallets.req}), a signed envelope
 * (DESIGN §3) signed by the node key:
 *
 * <pre>
 * EBC1|{"typ":"wallet-binding","from":"&lt;node id&gt;","seq":0,"ts":&lt;ms&gt;,
 *       "wallets":[{"address":"&lt;address&gt;","publicKey":"&lt;base64 SubjectPublicKeyInfo DER&gt;",
 *                   "proof":"&lt;uppercase hex DER signature&gt;"}, …]}|{"KI":…,"SA":…,"SD":…}
 * </pre>
 *
 * Each {@code proof} is the wallet key's signature over the ASCII bytes
 * {@code ebc-wallet-binding|<node id>|<node key id>|<address>}: without it a node could bind another
 * node's address to itself (it could not spend from it, but it would own its credit and proof-of-flow
 * record in the account pool). Naming the node key in the proof keeps a proof from being reused in
 * another node's request. {@code seq} is 0; the authority takes {@code ts} as the request's order and
 * refuses to replace a binding with a request that is not newer.
 *
 * <p>The meter agent writes the same format ({@code org.ebc.agent.enroll}); both sides are pinned by a
 * golden request in their tests. Thread-safe and stateless; {@link #verify} never throws.
 */
public final class WalletBindingReview {
    private static final String TYPE = WalletBindingRequest.TYPE;
    private static final int MAX_WALLETS = WalletBindingRequest.MAX_WALLETS;

    private WalletBindingReview() {}

    /** A verified request. */
    public record Request(NodeId node, KeyId signer, Instant requestedAt, List<WalletBinding.Wallet> wallets) {}

    /** The outcome of {@link #verify}: the request, or why it is refused. */
    public record Check(RefusalReason refusal, String problem, Request request) {
        public boolean isOk() {
            return refusal == null;
        }

        static Check refuse(RefusalReason r, String problem) {
            return new Check(r, problem, null);
        }
    }

    /** The key id the envelope names as its signer, read without verifying anything. */
    public static Optional<KeyId> signerOf(byte[] raw) {
        EnvelopeResult framed = EnvelopeCodec.frame(raw, EnvelopeCodec.DEFAULT_MAX_BYTES);
        return framed.isOk() ? Optional.of(framed.envelope().keyId()) : Optional.empty();
    }

    /** The sender the payload claims, read without verifying the signature (for messages only). */
    public static Optional<String> claimedSender(byte[] raw) {
        EnvelopeResult framed = EnvelopeCodec.frame(raw, EnvelopeCodec.DEFAULT_MAX_BYTES);
        if (!framed.isOk()) {
            return Optional.empty();
        }
        EnvelopeResult parsed = EnvelopeCodec.parsePayload(framed.envelope());
        return parsed.isOk() ? Optional.of(parsed.envelope().from()) : Optional.empty();
    }

    /**
     * Verifies a request against the key that {@code node}'s certificate certifies: the envelope's
     * signature first, then the payload and each wallet's proof of possession.
     */
    public static Check verify(byte[] raw, NodeId node, PublicKey nodeKey) {
        KeyId expected = KeyId.of(nodeKey);
        EnvelopeResult r = EnvelopeCodec.verify(raw, k -> k.equals(expected) ? Optional.of(nodeKey) : Optional.empty());
        if (!r.isOk()) {
            return Check.refuse(
                    RefusalReason.BAD_REQUEST,
                    switch (r.reason()) {
                        case UNKNOWN_KEY -> "signed by another key than node " + node + "'s certified key " + expected;
                        case BAD_SIGNATURE ->
                            "the signature does not verify with node " + node
                                    + "'s certified key (altered after signing?)";
                        default -> "not a signed wallet-binding request: " + r.reason() + ": " + r.detail();
                    });
        }
        SignedEnvelope e = r.envelope();
        if (!TYPE.equals(e.type())) {
            return Check.refuse(
                    RefusalReason.BAD_REQUEST, "a '" + e.type() + "' message, not a '" + TYPE + "' request");
        }
        if (!node.value().equals(e.from())) {
            return Check.refuse(
                    RefusalReason.BAD_REQUEST,
                    "says it is from '" + e.from() + "' but is signed with node " + node + "'s key");
        }
        JsonNode ws = e.payload().get("wallets");
        if (ws == null || !ws.isArray() || ws.isEmpty() || ws.size() > MAX_WALLETS) {
            return Check.refuse(RefusalReason.BAD_REQUEST, "'wallets' must list 1 to " + MAX_WALLETS + " wallets");
        }
        List<WalletBinding.Wallet> wallets = new ArrayList<>();
        Set<WalletAddress> seen = new HashSet<>();
        for (int i = 0; i < ws.size(); i++) {
            String where = "wallet " + (i + 1) + ": ";
            JsonNode w = ws.get(i);
            if (!w.isObject()) {
                return Check.refuse(RefusalReason.BAD_REQUEST, where + "not a JSON object");
            }
            WalletAddress.Parsed address = WalletAddress.parse(StrictJson.text(w, "address"));
            if (!address.isOk()) {
                return Check.refuse(
                        RefusalReason.BAD_REQUEST,
                        where + "'address' is not a wallet address (" + address.problem() + ")");
            }
            Optional<PublicKey> key = decodeP256(StrictJson.text(w, "publicKey"));
            if (key.isEmpty()) {
                return Check.refuse(
                        RefusalReason.BAD_REQUEST, where + "'publicKey' is not a base64 P-256 SubjectPublicKeyInfo");
            }
            if (!WalletAddress.of(key.get()).equals(address.address())) {
                return Check.refuse(
                        RefusalReason.BAD_REQUEST,
                        where + "address " + address.address() + " is not the address of its public key");
            }
            byte[] proof = Hex.parseUpper(StrictJson.text(w, "proof"));
            if (proof == null
                    || !Signatures.verify(
                            key.get(), WalletBindingRequest.proofMessage(node, expected, address.address()), proof)) {
                return Check.refuse(
                        RefusalReason.WALLET_PROOF_INVALID,
                        where + "the wallet key did not sign the proof that node " + node + " holds address "
                                + address.address());
            }
            if (!seen.add(address.address())) {
                return Check.refuse(
                        RefusalReason.BAD_REQUEST, where + "address " + address.address() + " is listed twice");
            }
            wallets.add(new WalletBinding.Wallet(address.address(), key.get()));
        }
        return new Check(null, null, new Request(node, expected, Instant.ofEpochMilli(e.timestampMillis()), wallets));
    }

    /** A base64 SubjectPublicKeyInfo of a P-256 key; empty for anything else. */
    static Optional<PublicKey> decodeP256(String base64) {
        return KeyPairs.decodeP256(base64);
    }
}
