package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * Where coins come from: initial allocations (one per node, one for the grid account; each an {@code
 * allocation} entry in the memory pool) and mints by Part E's coinbase (mining rewards, paid awards; the
 * coinbase is in the block, so a mint adds no memory-pool entry). Every call is idempotent.
 */
final class Minting {
    private Minting() {}

    /**
     * A node's initial allocation, to the first of its addresses in text order (deterministic whatever order
     * the addresses were bound in; the account pool lists them so).
     */
    static Step allocate(Context c, Draft d, NodeId node) {
        String key = "node:" + node.value();
        Optional<Allocation> done = d.allocation(key);
        if (done.isPresent()) {
            return Step.accepted("node " + node + " was allocated " + done.get().amount() + " to "
                    + done.get().to() + " before");
        }
        List<WalletAddress> wallets =
                c.addresses().walletsOf(node).stream().sorted().toList();
        if (wallets.isEmpty()) {
            return Step.refuse(Refusal.NO_ADDRESS, "node " + node + " has no wallet address yet");
        }
        CoinAmount amount = c.settings().initialAllocation();
        if (amount.minorUnits() == 0) {
            return Step.accepted("the initial allocation is 0; nothing minted");
        }
        grant(d, new Allocation(node.value(), false, wallets.get(0), amount, d.now));
        return Step.applied("allocated " + amount + " to " + wallets.get(0));
    }

    /** The grid account's float ({@code payment.grid.allocation}), once. */
    static Step allocateGrid(Context c, Draft d) {
        String holder = c.eag().value();
        Optional<Allocation> done = d.allocation("grid:" + holder);
        CoinAmount amount = c.settings().gridAllocation();
        if (done.isPresent() || amount.minorUnits() == 0) {
            return Step.accepted(
                    done.isPresent() ? "the grid account was allocated before" : "the grid allocation is 0");
        }
        grant(d, new Allocation(holder, true, c.grid(), amount, d.now));
        d.gridMayPay = true;
        return Step.applied("allocated " + amount + " to the grid account " + c.grid());
    }

    private static void grant(Draft d, Allocation a) {
        d.add(a);
        d.put(d.account(a.to()).credited(a.amount()));
        d.enter(new LedgerEntry.AllocationEntry(a.to(), a.amount(), a.holder()));
    }

    static Step mint(
            Context c, Draft d, String ref, WalletAddress to, CoinAmount amount, @Nullable Instant awardPeriod) {
        Optional<Mint> done = d.mint(ref);
        if (done.isPresent()) {
            Mint m = done.get();
            boolean same = m.to().equals(to)
                    && m.amount().equals(amount)
                    && java.util.Objects.equals(m.awardPeriod(), awardPeriod);
            return same
                    ? Step.accepted("minted under " + ref + " before")
                    : Step.refuse(Refusal.MINT_CONFLICT, "mint " + ref + " was " + m.amount() + " to " + m.to());
        }
        d.add(new Mint(ref, to, amount, awardPeriod, d.now));
        d.put(d.account(to).credited(amount));
        if (to.equals(c.grid())) {
            d.gridMayPay = true;
        }
        return Step.applied("minted " + amount + " to " + to);
    }

    static Step payAward(Context c, Draft d, Instant period, String ref) {
        Optional<Award> found = d.award(period);
        if (found.isEmpty()) {
            return Step.refuse(Refusal.UNKNOWN_AWARD, "no proof-of-flow award for the period from " + period);
        }
        Award a = found.get();
        if (a.paid()) {
            return ref.equals(a.paidBy())
                    ? Step.accepted("the award was paid under " + ref + " before")
                    : Step.refuse(Refusal.AWARD_PAID, "the award was paid under " + a.paidBy());
        }
        Step minted = mint(c, d, ref, a.to(), a.amount(), period);
        if (minted.status() == Outcome.Status.APPLIED) {
            d.put(a.paidBy(ref));
        }
        return minted;
    }
}
