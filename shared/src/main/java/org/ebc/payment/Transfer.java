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
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * A payment of energy coins, signed by the payer's wallet key (the paper's §II.B.4: "an energy buyer
 * transfers energy coins from its wallet to a wallet address given by the energy seller"), published on
 * {@code ebc/v1/<eag>/meter/<node>/payment}:
 *
 * <pre>{"typ":"transfer","from":"&lt;payer address&gt;","seq":&lt;nonce&gt;,"ts":&lt;ms&gt;,"to":"&lt;payee address&gt;",
 *  "amount":&lt;minor units&gt;,"bill":"&lt;bill id&gt;","key":"&lt;base64 SPKI of the payer's wallet key&gt;"}</pre>
 *
 * <p>The nonce is per payer address: it starts at 1 and each transfer's is the previous one's + 1, so a
 * replayed transfer, or a second transfer spending the same coins under the same nonce, is refused.
 * The message carries the signer's key so that it checks with no registry ({@link PaymentCheck}): the
 * key must hash to the payer's address and be the one the envelope is signed with.
 *
 * @param payer the paying address ({@code from})
 * @param nonce the payer's nonce ({@code seq}), ≥ 1
 * @param payee the receiving address
 * @param amount &gt; 0 minor units
 * @param bill the bill this pays
 * @param key the payer's wallet public key
 */
public record Transfer(
        WalletAddress payer,
        long nonce,
        Instant at,
        WalletAddress payee,
        CoinAmount amount,
        String bill,
        PublicKey key) {
    public static final String TYPE = "transfer";

    public Transfer {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(key, "key");
        if (nonce < 1) {
            throw new IllegalArgumentException("a nonce starts at 1, not " + nonce);
        }
        if (amount.minorUnits() <= 0) {
            throw new IllegalArgumentException("a transfer moves more than nothing, not " + amount);
        }
        if (payer.equals(payee)) {
            throw new IllegalArgumentException("a transfer goes to another address than its payer's");
        }
        if (!PayloadFields.isReference(Objects.requireNonNull(bill, "bill"))) {
            throw new IllegalArgumentException("a bill id is 1-64 characters of [A-Za-z0-9._:/-], not " + bill);
        }
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", payer.toString());
            g.writeNumberField("seq", nonce);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("to", payee.toString());
            g.writeNumberField("amount", amount.minorUnits());
            g.writeStringField("bill", bill);
            g.writeStringField("key", KeyPairs.encodeSpki(key));
            g.writeEndObject();
        });
    }

    /** Signs with the payer's wallet private key (whose public half is {@link #key}). */
    public byte[] sign(PrivateKey walletKey) {
        return EnvelopeCodec.sign(payloadBytes(), walletKey, KeyId.of(key));
    }

    /** Reads a transfer's fields; {@link PaymentCheck#transfer} also checks key and signature. */
    public static Decoded<Transfer> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        WalletAddress payer = f.fromAddress();
        WalletAddress payee = f.address("to");
        CoinAmount amount = f.amount("amount");
        String bill = f.reference("bill");
        var key = f.key("key");
        return f.result(() -> new Transfer(
                payer, e.seq(), Instant.ofEpochMilli(e.timestampMillis()), payee, amount, bill, key.orElseThrow()));
    }
}
