package org.ebc.trade;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * A bill from the settlement of a slot by the meters, signed by the EAG and sent to both parties (each on
 * its own {@code ebc/v1/<eag>/node/<node>/bill}). It names addresses only. The payer settles it with a
 * {@link org.ebc.payment.Transfer} of exactly {@code amount} to {@code payee} that names the bill's id.
 *
 * <pre>{"typ":"bill","from":"&lt;eag&gt;","seq":&lt;the EAG's bill number&gt;,"ts":&lt;ms&gt;,"id":"&lt;bill id&gt;",
 *  "slot":&lt;slot start ms&gt;,"kind":"p2p|grid-import|grid-export","payer":"&lt;address&gt;","payee":"&lt;address&gt;",
 *  "wh":&lt;energy delivered&gt;,"price":&lt;minor units per kWh&gt;,"amount":&lt;minor units&gt;}</pre>
 *
 * <p>{@code amount} is {@link Price#costOf}{@code (wh)}: rounded down once, the same integer debited and
 * credited. {@code grid-import}: a node pays the grid (the EAG's grid address) for energy the market did not
 * deliver; {@code grid-export}: the grid pays a seller for energy the market did not take.
 *
 * <p>{@code loan} (issue 9): a borrower repays its EAG's credit bank, which lends from the EAG's account: the payer
 * is the borrower's repayment address, the payee the EAG's address, {@code wh} and {@code price} are 0 (no energy
 * is sold) and {@code amount} (&gt; 0) is what the bank says is due; {@code slot} is the instant the bill is for
 * (the loan's deadline).
 */
public record Bill(
        EagId eag,
        long seq,
        Instant at,
        String id,
        Instant slot,
        String kind,
        WalletAddress payer,
        WalletAddress payee,
        Energy energy,
        Price price,
        CoinAmount amount) {
    public static final String TYPE = "bill";
    public static final String P2P = "p2p";
    public static final String GRID_IMPORT = "grid-import";
    public static final String GRID_EXPORT = "grid-export";
    public static final String LOAN = "loan";
    public static final List<String> KINDS = List.of(P2P, GRID_IMPORT, GRID_EXPORT, LOAN);

    public Bill {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(price, "price");
        if (!PayloadFields.REFERENCE.matcher(id).matches()) {
            throw new IllegalArgumentException("a bill id is 1-64 characters of [A-Za-z0-9._:/-], not " + id);
        }
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("bill kind " + kind + " unknown");
        }
        if (payer.equals(payee)) {
            throw new IllegalArgumentException("a bill's payer and payee differ");
        }
        if (kind.equals(LOAN)) {
            if (energy.wh() != 0 || price.minorUnitsPerKWh() != 0 || amount.minorUnits() < 1) {
                throw new IllegalArgumentException(
                        "a loan bill sells no energy (wh 0, price 0) and asks a positive amount, not " + energy + " at "
                                + price + " for " + amount);
            }
        } else if (!amount.equals(price.costOf(energy))) {
            throw new IllegalArgumentException("amount " + amount + " is not the cost of " + energy + " at " + price
                    + " (" + price.costOf(energy) + ")");
        }
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("id", id);
            g.writeNumberField("slot", slot.toEpochMilli());
            g.writeStringField("kind", kind);
            g.writeStringField("payer", payer.toString());
            g.writeStringField("payee", payee.toString());
            g.writeNumberField("wh", energy.wh());
            g.writeNumberField("price", price.minorUnitsPerKWh());
            g.writeNumberField("amount", amount.minorUnits());
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<Bill> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        String id = f.reference("id");
        long slot = f.whole("slot", 0, Long.MAX_VALUE);
        String kind = f.word("kind", KINDS);
        WalletAddress payer = f.address("payer");
        WalletAddress payee = f.address("payee");
        Energy wh = f.energy("wh", Order.MAX_WH);
        Price price = f.price("price");
        CoinAmount amount = f.amount("amount");
        return f.result(() -> new Bill(
                eag,
                e.seq(),
                Instant.ofEpochMilli(e.timestampMillis()),
                id,
                Instant.ofEpochMilli(slot),
                kind,
                payer,
                payee,
                wh,
                price,
                amount));
    }
}
