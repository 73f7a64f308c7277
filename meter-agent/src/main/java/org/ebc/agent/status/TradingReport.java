package org.ebc.agent.status;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.ebc.agent.trading.AllocationRecord;
import org.ebc.agent.trading.BillRecord;
import org.ebc.agent.trading.CosignRecord;
import org.ebc.agent.trading.Decision;
import org.ebc.agent.trading.OrderRecord;
import org.ebc.agent.trading.TradingSummary;
import org.ebc.agent.trading.WalletState;
import org.ebc.trade.MarketInfo;
import org.ebc.units.CoinAmount;

/**
 * The trading part of the status, as text ({@code meter-agent status}) and as JSON (the same command with
 * {@code --json}, and the live status message): orders with their receipt state, bills (open or paid, with
 * amounts), each address's balance, pending amount and next nonce, co-signed sales, and the last allocation.
 * Amounts in JSON are integer minor units, energies Wh. Stateless.
 */
final class TradingReport {
    private TradingReport() {}

    static void json(JsonGenerator g, TradingSummary t) throws IOException {
        g.writeObjectFieldStart("trading");
        if (t.market().isPresent()) {
            MarketInfo m = t.market().get();
            g.writeStringField("mode", m.mode());
            g.writeNumberField("slotMs", m.slotLength().toMillis());
            g.writeNumberField("retail", m.retail().minorUnitsPerKWh());
            g.writeNumberField("feedin", m.feedIn().minorUnitsPerKWh());
        }
        if (t.lastDecision().isPresent()) {
            Decision d = t.lastDecision().get();
            g.writeObjectFieldStart("decision");
            g.writeStringField("side", d.word());
            g.writeNumberField("wh", d.energy().wh());
            g.writeNumberField("limit", d.limit().minorUnitsPerKWh());
            g.writeStringField("why", d.why());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("orders");
        for (OrderRecord o : t.orders()) {
            g.writeStartObject();
            g.writeNumberField("seq", o.seq());
            g.writeNumberField("slot", o.slot().toEpochMilli());
            g.writeStringField("side", o.side().word());
            g.writeNumberField("wh", o.energy().wh());
            g.writeNumberField("limit", o.limit().minorUnitsPerKWh());
            g.writeStringField("state", o.state().word());
            g.writeStringField("reason", o.reason());
            if (o.matched().isPresent()) {
                g.writeNumberField("matchedWh", o.matched().get().wh());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("bills");
        for (BillRecord b : t.bills()) {
            g.writeStartObject();
            g.writeStringField("id", b.id());
            g.writeStringField("role", b.role().word());
            g.writeStringField("kind", b.bill().kind());
            g.writeNumberField("slot", b.bill().slot().toEpochMilli());
            g.writeNumberField("wh", b.bill().energy().wh());
            g.writeNumberField("amount", b.bill().amount().minorUnits());
            g.writeStringField("state", b.state().word());
            g.writeNumberField("nonce", b.nonce());
            g.writeStringField("reason", b.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("wallets");
        for (WalletState w : t.wallets()) {
            g.writeStartObject();
            g.writeStringField("address", w.address().toString());
            g.writeBooleanField("known", w.hasNotice());
            g.writeNumberField("balance", w.balance().minorUnits());
            g.writeNumberField("pending", w.pending().minorUnits());
            g.writeNumberField("nextNonce", w.nextNonce());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("cosigns");
        for (CosignRecord c : t.cosigns()) {
            g.writeStartObject();
            g.writeStringField("bill", c.bill());
            g.writeStringField("payer", c.payer().toString());
            g.writeNumberField("amount", c.amount().minorUnits());
            g.writeStringField("state", c.state().word());
            g.writeStringField("transfer", c.transferDigest());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("cosignRefusals", t.cosignRefusals());
        if (t.loan().isPresent()) {
            org.ebc.credit.CreditToken k = t.loan().get();
            g.writeObjectFieldStart("loan");
            g.writeStringField("token", k.id());
            g.writeNumberField("version", k.version());
            g.writeNumberField("amount", k.amount().minorUnits());
            g.writeNumberField("balance", k.balance().minorUnits());
            g.writeNumberField("drawn", k.amount().minus(k.balance()).minorUnits());
            g.writeNumberField("interest", k.interest().minorUnits());
            g.writeNumberField("penalty", k.penalty().minorUnits());
            g.writeNumberField("validUntilMs", k.validUntil().toEpochMilli());
            g.writeNumberField("repayByMs", k.repayBy().toEpochMilli());
            g.writeEndObject();
        }
        if (t.lastAllocation().isPresent()) {
            AllocationRecord a = t.lastAllocation().get();
            g.writeObjectFieldStart("allocation");
            g.writeNumberField("slot", a.slot().toEpochMilli());
            g.writeNumberField("order", a.order());
            g.writeStringField("side", a.side().word());
            g.writeNumberField("orderedWh", a.ordered().wh());
            g.writeNumberField("matchedWh", a.matched().wh());
            g.writeNumberField("gridWh", a.grid().wh());
            g.writeNumberField("trades", a.trades());
            g.writeNumberField("value", a.value().minorUnits());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void text(StringBuilder b, TradingSummary t) {
        b.append("trading:\n");
        t.market()
                .ifPresent(m -> b.append(String.format(
                        "  market        %s (%s), slots of %s, retail %s, feed-in %s%n",
                        m.mode(), m.pricing(), m.slotLength(), m.retail(), m.feedIn())));
        t.lastDecision()
                .ifPresent(d -> b.append(String.format(
                        "  decision      %s%s: %s%n",
                        d.word(), d.isIdle() ? "" : " " + d.energy() + " at " + d.limit(), d.why())));
        CoinAmount owed = CoinAmount.ZERO;
        int open = 0;
        for (BillRecord r : t.bills()) {
            if (r.state().open() && r.role() == org.ebc.agent.trading.BillRole.PAY) {
                owed = owed.plus(r.bill().amount());
                open++;
            }
        }
        b.append(String.format("  open bills    %d to pay (shown), %s%n", open, owed));
        if (t.wallets().isEmpty()) {
            b.append("  wallets       none recorded\n");
        }
        for (WalletState w : t.wallets()) {
            b.append(String.format(
                    "  wallet        %s  %s%n",
                    w.address(),
                    w.hasNotice()
                            ? "balance " + w.balance() + ", pending " + w.pending() + ", next nonce " + w.nextNonce()
                            : "no balance notice yet, next nonce " + w.nextNonce()));
        }
        t.loan()
                .ifPresent(k -> b.append(String.format(
                        "  loan          %s v%d: %s of %s left to spend, %s drawn; owes drawn + %s interest by %s"
                                + " (+ %s penalty after it); pays until %s%n",
                        k.id(),
                        k.version(),
                        k.balance(),
                        k.amount(),
                        k.amount().minus(k.balance()),
                        k.interest(),
                        k.repayBy(),
                        k.penalty(),
                        k.validUntil())));
        t.lastAllocation()
                .ifPresent(a -> b.append(String.format(
                        "  allocation    slot %s, order %d: %s %s of %s matched (%d counterparties, %s), %s with the grid%n",
                        a.slot(),
                        a.order(),
                        a.side().word(),
                        a.matched(),
                        a.ordered(),
                        a.trades(),
                        a.value(),
                        a.grid())));
        if (!t.orders().isEmpty()) {
            b.append("  orders (latest first):\n");
            for (OrderRecord o : t.orders()) {
                b.append(String.format(
                        "    #%d slot %s %s %s at %s: %s%s%s%n",
                        o.seq(),
                        o.slot(),
                        o.side().word(),
                        o.energy(),
                        o.limit(),
                        o.state().word(),
                        o.reason().isEmpty() || o.reason().equals("OK") ? "" : " " + o.reason(),
                        o.matched().map(m -> ", matched " + m).orElse("")));
            }
        }
        if (!t.bills().isEmpty()) {
            b.append("  bills (open first):\n");
            for (BillRecord r : t.bills()) {
                b.append(String.format(
                        "    %s %s %s %s for %s (slot %s): %s%s%n",
                        r.id(),
                        r.role().word(),
                        r.bill().kind(),
                        r.bill().amount(),
                        r.bill().energy(),
                        r.bill().slot(),
                        r.state().word(),
                        r.reason().isEmpty() ? "" : " (" + r.reason() + ")"));
            }
        }
        if (!t.cosigns().isEmpty() || t.cosignRefusals() > 0) {
            b.append(String.format("  co-signed sales (latest first; %d requests refused):%n", t.cosignRefusals()));
            for (CosignRecord c : t.cosigns()) {
                b.append(String.format(
                        "    bill %s: %s from %s, %s%n",
                        c.bill(), c.amount(), c.payer(), c.state().word()));
            }
        }
    }
}
