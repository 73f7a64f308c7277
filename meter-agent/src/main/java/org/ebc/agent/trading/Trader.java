package org.ebc.agent.trading;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.crypto.KeyId;
import org.ebc.payment.BalanceNotice;
import org.ebc.payment.CosignRequest;
import org.ebc.trade.Bill;
import org.ebc.trade.DemandNotice;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.MarketResult;
import org.ebc.trade.NodeAllocation;
import org.ebc.trade.Receipt;
import org.ebc.units.NodeId;
import org.jspecify.annotations.Nullable;
import org.tinylog.Logger;

/**
 * The node's trading, as one object the agent feeds: the gateway's verified messages (the caller has checked
 * the EAG's signature and that each is addressed to this node), slot-border readings, new connections and a
 * periodic tick. Orders go through the {@link OrderDesk}, bills through the {@link BillDesk}, co-signatures
 * through the {@link SaleCosigner}.
 *
 * <p>Not thread-safe: the agent calls it on its one thread.
 */
public final class Trader {
    /** Whose orders these are: the node id and its signing key (the key of {@code node.crt}). */
    public record NodeKey(NodeId node, PrivateKey key, KeyId keyId) {}

    private final NodeId node;
    private final OrderDesk orders;
    private final BillDesk bills;
    private final SaleCosigner cosigner;
    private final Borrower borrower;
    private final TradeLedger ledger;
    private @Nullable MarketResult lastResult;
    /** The summary as last read; dropped by anything that may change it (the live status reads it often). */
    private @Nullable TradingSummary summary;

    private int summaryLatest;

    /**
     * @param agentSlot the agent's {@code market.slot}: its border readings fall on its multiples
     */
    public Trader(
            NodeKey nodeKey,
            Wallets wallets,
            TradingConfig config,
            Duration agentSlot,
            TradeLedger ledger,
            Outgoing out,
            Clock clock) {
        this.node = nodeKey.node();
        this.ledger = ledger;
        this.orders =
                new OrderDesk(node, nodeKey.key(), nodeKey.keyId(), config, agentSlot, wallets, ledger, out, clock);
        this.bills = new BillDesk(node, config, wallets, ledger, out, clock);
        this.cosigner = new SaleCosigner(node, config, wallets, ledger, out, clock);
        this.borrower = new Borrower(node, nodeKey.key(), nodeKey.keyId(), wallets, ledger, out, clock);
        bills.open();
    }

    public void marketInfo(MarketInfo m) {
        summary = null;
        orders.marketInfo(m);
    }

    public void demand(DemandNotice n) {
        summary = null;
        orders.demand(n);
    }

    public void result(MarketResult r) {
        summary = null;
        lastResult = r;
        Logger.debug("node={} slot {} cleared: {} at {}", node, r.slot(), r.volume(), r.price());
    }

    public void allocation(NodeAllocation a) {
        summary = null;
        orders.allocation(a);
    }

    public void receipt(Receipt r) {
        summary = null;
        switch (r.about()) {
            case "order" -> orders.receipt(r);
            case "transfer" -> {
                bills.receipt(r);
                borrower.consider(); // a transfer the gateway found unfunded may need a loan
            }
            case "cosign" -> cosigner.receipt(r);
            default -> Logger.debug("node={} receipt about '{}' ignored", node, r.about());
        }
    }

    public void bill(Bill b, byte[] envelope) {
        summary = null;
        if (bills.bill(b, envelope)) {
            cosigner.billArrived(b.id());
        }
        borrower.consider();
    }

    /**
     * @param signer the key that signed the request (the EAG's)
     */
    public void cosignRequest(CosignRequest r, KeyId signer) {
        summary = null;
        cosigner.request(r, signer);
    }

    public void balance(BalanceNotice n) {
        summary = null;
        bills.balance(n);
        borrower.consider();
    }

    /** The credit bank's answer to this node (a token, a credit payment's outcome, a refusal). */
    public void creditAnswer(org.ebc.credit.CreditAnswer a) {
        summary = null;
        borrower.answer(a);
    }

    /** The newest token of the node's loan, if it has borrowed. */
    public Optional<org.ebc.credit.CreditToken> creditToken() {
        return borrower.token();
    }

    /** A slot-border reading was just taken with these durable registers. */
    public void border(EnergyRegisters registers) {
        summary = null;
        orders.border(registers);
    }

    /** A new connection to the broker: publishes whatever is unanswered. */
    public void connected() {
        summary = null;
        orders.connected();
        bills.connected();
        cosigner.connected();
    }

    /** Periodic: publishes again what is overdue, pays what became payable. */
    public void tick() {
        boolean looked = orders.tick();
        looked |= bills.tick();
        looked |= cosigner.tick();
        borrower.tick();
        if (looked) {
            summary = null;
        }
    }

    /** The summary for the status; read from the ledger again only after something may have changed it. */
    public TradingSummary summary(int latest) {
        TradingSummary cached = summary;
        if (cached != null && latest == summaryLatest) {
            return cached;
        }
        TradingSummary s = TradingSummary.stored(ledger, latest);
        TradingSummary fresh = new TradingSummary(
                orders.market(),
                Optional.of(orders.lastDecision()),
                Optional.ofNullable(lastResult),
                s.orders(),
                s.bills(),
                s.wallets(),
                s.cosigns(),
                s.cosignRefusals(),
                s.lastAllocation(),
                s.loan());
        summary = fresh;
        summaryLatest = latest;
        return fresh;
    }
}
