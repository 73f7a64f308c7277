package org.ebc.credit;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * A credit bank's token for one loan (paper §III.1 step 5, §III.2 step 4): signed by the bank's EAG, version 1
 * when the loan is granted, re-signed with the next version after every credit payment. The envelope's {@code seq}
 * is the version; (bank, token id, version) makes it idempotent (DESIGN §7). The bank keeps the private key of
 * the loan's shared wallet (DESIGN §2: no private key ever leaves its owner); the borrower spends from it by
 * presenting the newest token.
 *
 * <pre>{"typ":"credit-token","from":"&lt;bank eag&gt;","seq":&lt;version&gt;,"ts":&lt;ms&gt;,"token":"&lt;id&gt;",
 *  "node":"&lt;borrower&gt;","wallet":"&lt;shared address&gt;","amount":&lt;lent&gt;,"balance":&lt;left&gt;,
 *  "valid":&lt;ms: no payment after&gt;,"buffer":&lt;ms: repay by, case one&gt;,"interest":&lt;due in case one&gt;,
 *  "penalty":&lt;due in case two&gt;,"s":&lt;repaid in time before&gt;,"f":&lt;late before&gt;,
 *  "prev":"&lt;hex SHA-256 chain of this loan's credit payments, 64 zeros at first&gt;"}</pre>
 *
 * @param bank the lending EAG
 * @param version 1, 2, 3 … (the envelope's seq)
 * @param at when this version was signed
 * @param id the token id, unique at its bank
 * @param borrower the borrowing node
 * @param wallet the loan's shared wallet, held by the bank
 * @param amount coins lent
 * @param balance coins left in the shared wallet
 * @param validUntil no credit payment after this
 * @param repayBy the repayment buffer's end: repaid by then is case one
 * @param interest what case one adds to the principal drawn
 * @param penalty what case two adds instead
 * @param repaidInTime s of RP(s, f) before this loan
 * @param late f of RP(s, f) before this loan
 * @param paymentsHash the hash chain of this loan's credit payments (the paper's Hash(TX))
 */
public record CreditToken(
        EagId bank,
        long version,
        Instant at,
        String id,
        NodeId borrower,
        WalletAddress wallet,
        CoinAmount amount,
        CoinAmount balance,
        Instant validUntil,
        Instant repayBy,
        CoinAmount interest,
        CoinAmount penalty,
        int repaidInTime,
        int late,
        String paymentsHash) {
    public static final String TYPE = "credit-token";
    public static final String NO_PAYMENTS = "0".repeat(64);

    public CreditToken {
        Objects.requireNonNull(bank, "bank");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(borrower, "borrower");
        Objects.requireNonNull(wallet, "wallet");
        if (version < 1
                || amount.minorUnits() < 1
                || balance.isNegative()
                || balance.compareTo(amount) > 0
                || interest.isNegative()
                || penalty.isNegative()
                || repaidInTime < 0
                || late < 0
                || repayBy.isBefore(validUntil)
                || !PayloadFields.REFERENCE.matcher(id).matches()
                || !paymentsHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("bad credit token " + id + " v" + version);
        }
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", bank.value());
            g.writeNumberField("seq", version);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("token", id);
            g.writeStringField("node", borrower.value());
            g.writeStringField("wallet", wallet.toString());
            g.writeNumberField("amount", amount.minorUnits());
            g.writeNumberField("balance", balance.minorUnits());
            g.writeNumberField("valid", validUntil.toEpochMilli());
            g.writeNumberField("buffer", repayBy.toEpochMilli());
            g.writeNumberField("interest", interest.minorUnits());
            g.writeNumberField("penalty", penalty.minorUnits());
            g.writeNumberField("s", repaidInTime);
            g.writeNumberField("f", late);
            g.writeStringField("prev", paymentsHash);
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey bankKey, KeyId bankKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), bankKey, bankKeyId);
    }

    public static Decoded<CreditToken> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId bank = f.fromEag();
        String id = f.reference("token");
        NodeId node = f.node("node");
        WalletAddress wallet = f.address("wallet");
        CoinAmount amount = f.amount("amount");
        CoinAmount balance = f.amount("balance");
        long valid = f.whole("valid", 0, Long.MAX_VALUE);
        long buffer = f.whole("buffer", 0, Long.MAX_VALUE);
        CoinAmount interest = f.amount("interest");
        CoinAmount penalty = f.amount("penalty");
        long s = f.whole("s", 0, Integer.MAX_VALUE);
        long late = f.whole("f", 0, Integer.MAX_VALUE);
        String prev = f.digest("prev");
        return f.result(() -> new CreditToken(
                bank,
                e.seq(),
                Instant.ofEpochMilli(e.timestampMillis()),
                id,
                node,
                wallet,
                amount,
                balance,
                Instant.ofEpochMilli(valid),
                Instant.ofEpochMilli(buffer),
                interest,
                penalty,
                (int) s,
                (int) late,
                prev));
    }

    /** The next version after a credit payment of {@code paid}, whose record hashes to {@code recordHash}. */
    public CreditToken afterPayment(CoinAmount paid, Instant now, String nextPaymentsHash) {
        return new CreditToken(
                bank,
                version + 1,
                now,
                id,
                borrower,
                wallet,
                amount,
                balance.minus(paid),
                validUntil,
                repayBy,
                interest,
                penalty,
                repaidInTime,
                late,
                nextPaymentsHash);
    }
}
