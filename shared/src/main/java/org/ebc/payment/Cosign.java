package org.ebc.payment;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.wallet.WalletAddress;

/**
 * The payee's signature over a transfer to it (the paper: transaction records "are verified and digitally
 * signed by energy sellers"), with its own wallet key, after it checked the transfer against the bill and
 * the latest state; published on {@code ebc/v1/<eag>/meter/<node>/payment}:
 *
 * <pre>{"typ":"cosign","from":"&lt;payee address&gt;","seq":&lt;the transfer's nonce&gt;,"ts":&lt;ms&gt;,
 *  "transfer":"&lt;hex SHA-256 of the transfer's complete bytes&gt;","payer":"&lt;payer address&gt;",
 *  "key":"&lt;base64 SPKI of the payee's wallet key&gt;"}</pre>
 */
public record Cosign(
        WalletAddress payee, long nonce, Instant at, String transferDigest, WalletAddress payer, PublicKey key) {
    public static final String TYPE = "cosign";

    public Cosign {
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(key, "key");
        if (nonce < 1) {
            throw new IllegalArgumentException("a nonce starts at 1, not " + nonce);
        }
        if (!PayloadFields.isHexDigest(Objects.requireNonNull(transferDigest, "transferDigest"))) {
            throw new IllegalArgumentException("transfer must be a SHA-256 in lowercase hex");
        }
    }

    /** The co-signature for {@code transfer} (whose complete bytes have {@code transferDigest}). */
    public static Cosign of(Transfer transfer, String transferDigest, PublicKey payeeKey, Instant at) {
        return new Cosign(transfer.payee(), transfer.nonce(), at, transferDigest, transfer.payer(), payeeKey);
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", payee.toString());
            g.writeNumberField("seq", nonce);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("transfer", transferDigest);
            g.writeStringField("payer", payer.toString());
            g.writeStringField("key", KeyPairs.encodeSpki(key));
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey walletKey) {
        return EnvelopeCodec.sign(payloadBytes(), walletKey, KeyId.of(key));
    }

    public static Decoded<Cosign> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        WalletAddress payee = f.fromAddress();
        String digest = f.digest("transfer");
        WalletAddress payer = f.address("payer");
        var key = f.key("key");
        return f.result(() -> new Cosign(
                payee, e.seq(), Instant.ofEpochMilli(e.timestampMillis()), digest, payer, key.orElseThrow()));
    }
}
