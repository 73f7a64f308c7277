package org.ebc.agent.trading;

import java.util.List;
import java.util.Optional;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.MarketResult;

/**
 * What the node's trading looks like now, for {@code meter-agent status} and the live status message:
 * informational, never an input to a decision.
 *
 * @param market the market's rules (live only: the stored status has none)
 * @param lastDecision the latest decision (live only)
 * @param lastResult the latest slot result broadcast (live only)
 * @param orders recent orders, newest first
 * @param bills open bills first, then recent ones
 * @param wallets each address: balance, pending, next nonce
 * @param cosigns recent co-signatures, newest first
 * @param cosignRefusals co-signature requests refused so far
 * @param lastAllocation the node's latest allocation
 * @param loan the newest token of the node's loan, if it has borrowed (what it may still spend, what it drew)
 */
public record TradingSummary(
        Optional<MarketInfo> market,
        Optional<Decision> lastDecision,
        Optional<MarketResult> lastResult,
        List<OrderRecord> orders,
        List<BillRecord> bills,
        List<WalletState> wallets,
        List<CosignRecord> cosigns,
        long cosignRefusals,
        Optional<AllocationRecord> lastAllocation,
        Optional<org.ebc.credit.CreditToken> loan) {

    public TradingSummary {
        orders = List.copyOf(orders);
        bills = List.copyOf(bills);
        wallets = List.copyOf(wallets);
        cosigns = List.copyOf(cosigns);
    }

    /** What the ledger alone shows (another process's file). */
    public static TradingSummary stored(TradeLedger ledger, int latest) {
        return new TradingSummary(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                ledger.recentOrders(latest),
                ledger.recentBills(latest),
                ledger.wallets(),
                ledger.recentCosigns(latest),
                ledger.cosignRefusals(),
                ledger.lastAllocation(),
                ledger.creditToken().flatMap(Borrower::read));
    }
}
