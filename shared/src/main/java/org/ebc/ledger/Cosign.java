package org.ebc.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.json.StrictJson;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * The payee's countersignature of a transfer (SPEC-payments, "Cosign"; the paper's "verified and digitally
 * signed by energy sellers"), signed by the payee's wallet key:
 *
 * <pre>
 * EBC1|{"typ":"cosign","from":"&lt;payee address&gt;","seq":&lt;the transfer's nonce&gt;,"ts":&lt;ms&gt;,
 *       "transfer":"&lt;lowercase hex SHA-256 of the complete transfer envelope&gt;","payer":"&lt;payer address&gt;",
 *       "key":"&lt;base64 SPKI of the payee's key&gt;"}|{"KI":…,"SA":…,"SD":…}
 * </pre>
 *
 * <p><b>Interim copy</b> of the lead's {@code org.ebc.payment.Cosign}, like {@link Transfer}; golden vector
 * {@code ledger-cosign.txt}. Only the exact encoding {@link #payloadBytes} writes is accepted.
 *
 * @param raw the complete envelope bytes
 * @param payee the countersigning address ({@code from}), the transfer's payee
 * @param nonce the transfer's nonce ({@code seq})
 * @param timestampMillis the payee's clock
 * @param transfer SHA-256 of the complete transfer envelope it countersigns
 * @param payer the transfer's payer
 * @param payeeKey the payee's wallet key
 */
public record Cosign(
        byte[] raw,
        WalletAddress payee,
        long nonce,
        long timestampMillis,
        Sha256Hash transfer,
        WalletAddress payer,
        PublicKey payeeKey) {
    public static final String TYPE = "cosign";
    public static final int MAX_BYTES = 4096;

    /** Countersigns {@code transfer} with the payee's wallet key pair (which must be the transfer's payee). */
    public static byte[] sign(KeyPair payeeKeys, Transfer transfer, long timestampMillis) {
        WalletAddress payee = WalletAddress.of(payeeKeys.getPublic());
        if (!payee.equals(transfer.payee()) || timestampMillis < 0) {
            throw new IllegalArgumentException("only the payee " + transfer.payee() + " can cosign " + transfer);
        }
        byte[] payload = payloadBytes(
                payee,
                transfer.nonce(),
                timestampMillis,
                transfer.hash(),
                transfer.payer(),
                WalletKeys.toBase64(payeeKeys.getPublic()));
        return EnvelopeCodec.sign(payload, payeeKeys.getPrivate(), KeyId.of(payeeKeys.getPublic()));
    }

    static byte[] payloadBytes(
            WalletAddress payee, long nonce, long ts, Sha256Hash transfer, WalletAddress payer, String keyBase64) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", payee.toString());
            g.writeNumberField("seq", nonce);
            g.writeNumberField("ts", ts);
            g.writeStringField("transfer", transfer.hex());
            g.writeStringField("payer", payer.toString());
            g.writeStringField("key", keyBase64);
            g.writeEndObject();
        });
    }

    /** Frames, checks key, address and signature, then the fields; never throws. */
    public static Decoded<TxReason, Cosign> verify(byte[] raw) {
        Decoded<TxReason, WalletSigned> opened =
                WalletSigned.open(raw, MAX_BYTES, TYPE, TxReason.MALFORMED_COSIGN, TxReason.BAD_COSIGN_SIGNATURE);
        WalletSigned w = opened.value();
        if (w == null) {
            return opened.refusal();
        }
        JsonNode p = w.payload();
        Optional<Sha256Hash> transfer = Sha256Hash.parseHex(StrictJson.text(p, "transfer"));
        Optional<WalletAddress> payer = WalletKeys.address(StrictJson.text(p, "payer"));
        if (transfer.isEmpty() || payer.isEmpty()) {
            return Decoded.refuse(
                    TxReason.MALFORMED_COSIGN, "cosign: transfer (64 lowercase hex) or payer (an address) invalid");
        }
        byte[] canonical = payloadBytes(
                w.from(),
                w.seq(),
                w.timestampMillis(),
                transfer.get(),
                payer.get(),
                w.key().base64());
        if (!Arrays.equals(canonical, w.envelope().payloadBytes())) {
            return Decoded.refuse(TxReason.MALFORMED_COSIGN, "cosign: payload is not in the one accepted encoding");
        }
        return Decoded.ok(
                TxReason.OK,
                new Cosign(
                        raw.clone(),
                        w.from(),
                        w.seq(),
                        w.timestampMillis(),
                        transfer.get(),
                        payer.get(),
                        w.key().key()));
    }

    /** True if this cosign is for {@code t}: its payee, payer, nonce and exact envelope hash. */
    public boolean countersigns(Transfer t) {
        return payee.equals(t.payee()) && payer.equals(t.payer()) && nonce == t.nonce() && transfer.equals(t.hash());
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Cosign c && Arrays.equals(raw, c.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "cosign by " + payee + " of " + transfer;
    }
}
