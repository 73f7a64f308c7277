package org.ebc.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * A payment of energy coins, signed by the payer's wallet key (SPEC-payments, "Transfer"):
 *
 * <pre>
 * EBC1|{"typ":"transfer","from":"&lt;payer address&gt;","seq":&lt;nonce ≥ 1&gt;,"ts":&lt;ms&gt;,"to":"&lt;payee address&gt;",
 *       "amount":&lt;minor units &gt; 0&gt;,"bill":"&lt;bill id&gt;","key":"&lt;base64 SPKI of the payer's key&gt;"}|{"KI":…,"SA":…,"SD":…}
 * </pre>
 *
 * <p><b>Interim copy.</b> The lead writes {@code org.ebc.payment.Transfer} for the same wire format; until
 * it is on main the ledger decodes transfers with this class. Both must accept and write the same bytes
 * (the golden vector {@code ledger-transfer.txt} pins them); when the payment class lands, the ledger
 * should use it and this class should go.
 *
 * <p>Only the exact encoding {@link #payloadBytes} writes is accepted (field order, no spaces, canonical
 * base64), so one transfer has one spelling and one hash, which the cosign signs.
 *
 * @param raw the complete envelope bytes (what the cosign hashes and the ledger carries)
 * @param payer the paying address ({@code from})
 * @param nonce the payer's nonce ({@code seq}): exactly one more than its previous transfer
 * @param timestampMillis the payer's clock, ms since the epoch
 * @param payee the receiving address ({@code to}), never the payer
 * @param amount what moves, in minor units, positive
 * @param bill the bill this pays: 1–64 characters of {@code [A-Za-z0-9._:-]}
 * @param payerKey the payer's wallet key; {@code WalletAddress.of(payerKey)} is {@code payer}
 */
public record Transfer(
        byte[] raw,
        WalletAddress payer,
        long nonce,
        long timestampMillis,
        WalletAddress payee,
        CoinAmount amount,
        String bill,
        PublicKey payerKey) {
    public static final String TYPE = "transfer";
    public static final int MAX_BYTES = 4096;
    private static final Pattern BILL = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Writes and signs a transfer with the payer's wallet key pair. */
    public static byte[] sign(
            KeyPair payerKeys, long nonce, long timestampMillis, WalletAddress payee, CoinAmount amount, String bill) {
        WalletAddress payer = WalletAddress.of(payerKeys.getPublic());
        if (nonce < 1 || timestampMillis < 0 || amount.minorUnits() <= 0 || payer.equals(payee) || !isBill(bill)) {
            throw new IllegalArgumentException("not a valid transfer: nonce " + nonce + ", amount " + amount
                    + ", bill '" + bill + "', payee " + (payer.equals(payee) ? "is the payer" : "ok"));
        }
        byte[] payload = payloadBytes(
                payer, nonce, timestampMillis, payee, amount, bill, WalletKeys.toBase64(payerKeys.getPublic()));
        return EnvelopeCodec.sign(payload, payerKeys.getPrivate(), KeyId.of(payerKeys.getPublic()));
    }

    static byte[] payloadBytes(
            WalletAddress payer,
            long nonce,
            long ts,
            WalletAddress payee,
            CoinAmount amount,
            String bill,
            String keyBase64) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", payer.toString());
            g.writeNumberField("seq", nonce);
            g.writeNumberField("ts", ts);
            g.writeStringField("to", payee.toString());
            g.writeNumberField("amount", amount.minorUnits());
            g.writeStringField("bill", bill);
            g.writeStringField("key", keyBase64);
            g.writeEndObject();
        });
    }

    public static boolean isBill(@Nullable String bill) {
        return bill != null && BILL.matcher(bill).matches();
    }

    /** Frames, checks key, address and signature, then the fields; never throws. */
    public static Decoded<TxReason, Transfer> verify(byte[] raw) {
        Decoded<TxReason, WalletSigned> opened =
                WalletSigned.open(raw, MAX_BYTES, TYPE, TxReason.MALFORMED_TRANSFER, TxReason.BAD_TRANSFER_SIGNATURE);
        WalletSigned w = opened.value();
        if (w == null) {
            return opened.refusal();
        }
        JsonNode p = w.payload();
        Optional<WalletAddress> payee = WalletKeys.address(StrictJson.text(p, "to"));
        Long amount = StrictJson.wholeNumber(p, "amount");
        String bill = StrictJson.text(p, "bill");
        if (payee.isEmpty() || amount == null || amount <= 0 || !isBill(bill)) {
            return Decoded.refuse(
                    TxReason.MALFORMED_TRANSFER, "transfer: to, amount (> 0) or bill ([A-Za-z0-9._:-]{1,64}) invalid");
        }
        if (payee.get().equals(w.from())) {
            return Decoded.refuse(TxReason.MALFORMED_TRANSFER, "transfer: payer and payee are the same address");
        }
        CoinAmount coins = CoinAmount.ofMinorUnits(amount);
        byte[] canonical = payloadBytes(
                w.from(),
                w.seq(),
                w.timestampMillis(),
                payee.get(),
                coins,
                bill,
                w.key().base64());
        if (!Arrays.equals(canonical, w.envelope().payloadBytes())) {
            return Decoded.refuse(TxReason.MALFORMED_TRANSFER, "transfer: payload is not in the one accepted encoding");
        }
        return Decoded.ok(
                TxReason.OK,
                new Transfer(
                        raw.clone(),
                        w.from(),
                        w.seq(),
                        w.timestampMillis(),
                        payee.get(),
                        coins,
                        bill,
                        w.key().key()));
    }

    /** SHA-256 of the complete envelope: what a cosign names in {@code transfer}. */
    public Sha256Hash hash() {
        return Sha256Hash.of(raw);
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Transfer t && Arrays.equals(raw, t.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "transfer " + payer + "#" + nonce + " -> " + payee + " " + amount + " (bill " + bill + ")";
    }
}
