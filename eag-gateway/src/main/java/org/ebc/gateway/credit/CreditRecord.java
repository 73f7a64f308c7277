package org.ebc.gateway.credit;

import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * What the bank puts on the chain (as a {@code credit} ledger document) and, for a blacklisting, broadcasts to
 * the consortium: one event of one loan, with its amounts. {@link #bytes()} is the canonical JSON.
 *
 * @param kind granted, paid (a credit payment), repaid (case one), late (case two: f + 1, credit lowered), repaid-late
 *     (case two's final payment with the penalty), defaulted (case three: written off, blacklisted)
 * @param bank the lending EAG
 * @param token the loan's token id
 * @param version the token version after the event
 * @param borrower the node
 * @param amount the event's amount: lent, paid to the seller, repaid in total, the credit drop's basis, written off
 * @param fee interest or penalty within {@code amount} (0 otherwise)
 * @param reference the bill paid, or empty
 * @param atMillis when
 */
public record CreditRecord(
        String kind,
        EagId bank,
        String token,
        long version,
        NodeId borrower,
        CoinAmount amount,
        CoinAmount fee,
        String reference,
        long atMillis) {
    public static final String GRANTED = "granted";
    public static final String PAID = "paid";
    public static final String REPAID = "repaid";
    public static final String LATE = "late";
    public static final String REPAID_LATE = "repaid-late";
    public static final String DEFAULTED = "defaulted";

    public byte[] bytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", "credit-record");
            g.writeStringField("kind", kind);
            g.writeStringField("bank", bank.value());
            g.writeStringField("token", token);
            g.writeNumberField("v", version);
            g.writeStringField("node", borrower.value());
            g.writeNumberField("amount", amount.minorUnits());
            g.writeNumberField("fee", fee.minorUnits());
            g.writeStringField("ref", reference);
            g.writeNumberField("ts", atMillis);
            g.writeEndObject();
        });
    }
}
