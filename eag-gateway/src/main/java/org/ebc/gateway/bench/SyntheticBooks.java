package org.ebc.gateway.bench;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.gateway.market.Order;
import org.ebc.gateway.market.OrderBook;
import org.ebc.gateway.market.Side;
import org.ebc.gateway.settlement.NodeEvidence;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * Seeded random order books and meter evidence for {@link MarketBenchmark}: one order per node, buyers and
 * sellers half and half, 100–5,000 Wh, limits spread evenly between the feed-in and retail tariffs (so about half
 * the energy crosses). The same seed gives the same book.
 */
final class SyntheticBooks {
    private SyntheticBooks() {}

    /**
     * A wallet address for bench node {@code k}. An address is a hash of a public key's encoding; clearing and
     * settlement never need the key, so the bench hashes a seeded stand-in encoding instead of generating 10,000
     * EC key pairs (the addresses are as valid, checksum and all, as any).
     */
    static WalletAddress wallet(long seed, int k) {
        byte[] encoding;
        try {
            encoding = MessageDigest.getInstance("SHA-256")
                    .digest(ByteBuffer.allocate(16).putLong(seed).putLong(k).array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return WalletAddress.of(new StandInKey(encoding));
    }

    static OrderBook book(MarketSlot slot, MarketParameters p, int orders, long seed) {
        Random r = new Random(seed);
        long feedIn = p.feedInTariff().minorUnitsPerKWh();
        long spread = p.retailTariff().minorUnitsPerKWh() - feedIn;
        List<Order> list = new ArrayList<>(orders);
        for (int k = 0; k < orders; k++) {
            list.add(new Order(
                    NodeId.of(String.format("m%05d", k)),
                    1 + r.nextInt(1000),
                    wallet(seed, k),
                    r.nextBoolean() ? Side.BUY : Side.SELL,
                    Energy.ofWh(100 + r.nextInt(4901)),
                    Price.ofMinorUnitsPerKWh(feedIn + r.nextLong(spread + 1)),
                    k));
        }
        // Posted mode: the previous slot offered between half and one and a half times this slot's supply.
        Energy reference = Energy.ofWh(OrderBook.supplyOf(list).wh() * (50 + r.nextInt(101)) / 100);
        return OrderBook.of(slot, p, list, reference);
    }

    /**
     * Border evidence for every node of {@code book}: 3 % missing, the rest delivering or taking between 50 % and
     * 110 % of their order, on registers that have run for a while.
     */
    static Map<NodeId, NodeEvidence> evidence(OrderBook book, long seed) {
        Random r = new Random(seed);
        Map<NodeId, NodeEvidence> e = new HashMap<>();
        for (Order o : book.orders()) {
            if (r.nextInt(100) < 3) {
                e.put(o.node(), NodeEvidence.MISSING);
                continue;
            }
            long flow = o.energy().wh() * (50 + r.nextInt(61)) / 100;
            long imp = 1_000_000L + r.nextInt(1_000_000);
            long exp = 1_000_000L + r.nextInt(1_000_000);
            long di = o.side() == Side.BUY ? flow : r.nextInt(50);
            long de = o.side() == Side.SELL ? flow : r.nextInt(50);
            e.put(
                    o.node(),
                    NodeEvidence.of(Energy.ofWh(imp), Energy.ofWh(exp), Energy.ofWh(imp + di), Energy.ofWh(exp + de)));
        }
        return e;
    }

    /** A public key's encoding without the key: all {@link WalletAddress#of} reads is {@link #getEncoded}. */
    private record StandInKey(byte[] encoding) implements PublicKey {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAlgorithm() {
            return "bench";
        }

        @Override
        public String getFormat() {
            return "X.509";
        }

        @Override
        public byte[] getEncoded() {
            return encoding.clone();
        }
    }
}
