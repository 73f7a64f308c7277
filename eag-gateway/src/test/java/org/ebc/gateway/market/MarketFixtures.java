package org.ebc.gateway.market;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.crypto.KeyPairs;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/** Books, orders and wallet addresses for the market and settlement tests. */
public final class MarketFixtures {
    /** 2025-11-24T16:00:00Z, a 15-minute border. */
    public static final MarketSlot SLOT =
            new MarketSlot(1_764_000_000_000L, Duration.ofMinutes(15).toMillis());

    private static final Map<String, WalletAddress> WALLETS = new HashMap<>();

    private MarketFixtures() {}

    /** A real wallet address (of a freshly generated key), the same one for the same name within a test run. */
    public static synchronized WalletAddress wallet(String name) {
        return WALLETS.computeIfAbsent(
                name, n -> WalletAddress.of(KeyPairs.generate().getPublic()));
    }

    /** The wallet address of {@code node}'s orders in these tests. */
    public static WalletAddress walletOf(String node) {
        return wallet("wallet-of-" + node);
    }

    /** The grid account. */
    public static WalletAddress grid() {
        return wallet("grid");
    }

    /** {@code coins} as minor units per kWh, e.g. {@code price("0.25")}. */
    public static Price price(String coins) {
        return CoinPrice.parse(coins).orElseThrow();
    }

    public static Order buy(String node, long seq, long wh, String limit, long arrival) {
        return new Order(NodeId.of(node), seq, walletOf(node), Side.BUY, Energy.ofWh(wh), price(limit), arrival);
    }

    public static Order sell(String node, long seq, long wh, String limit, long arrival) {
        return new Order(NodeId.of(node), seq, walletOf(node), Side.SELL, Energy.ofWh(wh), price(limit), arrival);
    }

    public static MarketParameters auction(Pricing pricing) {
        return MarketParameters.DEFAULTS.withRules(MarketMode.AUCTION, pricing);
    }

    public static MarketParameters posted() {
        return MarketParameters.DEFAULTS;
    }

    public static OrderBook auctionBook(Pricing pricing, List<Order> orders) {
        return new OrderBook(SLOT, auction(pricing), orders, Optional.empty());
    }

    /** A posted book whose terms are computed from its requests and the previous slot's supply. */
    public static OrderBook postedBook(long referenceSupplyWh, List<Order> orders) {
        return OrderBook.of(SLOT, posted(), orders, Energy.ofWh(referenceSupplyWh));
    }

    public static OrderId id(String node, long seq) {
        return new OrderId(NodeId.of(node), seq);
    }

    /** The result of {@code order} in {@code a}. */
    public static OrderResult resultOf(Allocation a, OrderId order) {
        return a.orders().stream()
                .filter(r -> r.order().equals(order))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + order));
    }
}
