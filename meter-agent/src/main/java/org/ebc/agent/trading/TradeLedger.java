package org.ebc.agent.trading;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ebc.wallet.WalletAddress;

/**
 * The trader's durable state (port). Every write is atomic and durable when it returns (the SQLite
 * implementation commits with {@code synchronous=FULL}), so the trader publishes only what is already
 * stored: after a {@code kill -9} nothing the gateway saw is forgotten, no order sequence and no nonce the
 * gateway saw is signed again for something else. Used from one thread.
 */
public interface TradeLedger {
    // ---------------------------------------------------------------- market side

    /** Keeps a slot-border reading (replacing one for the same border). */
    void borderReading(BorderReading r);

    /** The latest {@code max} border readings, oldest first. */
    List<BorderReading> borderReadings(int max);

    /** The sequence the next order carries: one past the highest ever stored (1 at first). */
    long nextOrderSeq();

    /**
     * Stores a new order. Fails ({@link IllegalStateException}) if its sequence is not {@link #nextOrderSeq}
     * or the slot already has an order: never two orders for one slot.
     */
    void addOrder(OrderRecord o);

    Optional<OrderRecord> order(long seq);

    Optional<OrderRecord> orderForSlot(Instant slot);

    /** Replaces an order's state (receipt, allocation). */
    void updateOrder(OrderRecord o);

    /** Orders in {@link OrderState#SENT}, lowest sequence first. */
    List<OrderRecord> unansweredOrders();

    /** The latest {@code max} orders, newest first. */
    List<OrderRecord> recentOrders(int max);

    void allocation(AllocationRecord a);

    Optional<AllocationRecord> lastAllocation();

    // ---------------------------------------------------------------- credit

    /** The newest token of the node's loan, as the bank signed it (empty before the first loan). */
    Optional<byte[]> creditToken();

    /** Keeps a newer token (it replaces the one before). */
    void putCreditToken(byte[] token, Instant at);

    // ---------------------------------------------------------------- payments

    /** Stores a new bill; false (and nothing changes) if a bill with its id is already stored. */
    boolean addBill(BillRecord b);

    Optional<BillRecord> bill(String id);

    Optional<BillRecord> billByTransfer(String transferDigest);

    void updateBill(BillRecord b);

    /** Stores a bill and its address's state in one transaction (a transfer and the nonce it used). */
    void updateBillAndWallet(BillRecord b, WalletState w);

    /** Bills the node pays that are not paid, in the EAG's bill order. */
    List<BillRecord> unpaidBills();

    /** The latest {@code max} bills, open ones first, then newest first. */
    List<BillRecord> recentBills(int max);

    Optional<WalletState> wallet(WalletAddress address);

    void updateWallet(WalletState w);

    List<WalletState> wallets();

    Optional<CosignRecord> cosign(String transferDigest);

    /** A co-signature by its own digest or by its transfer's. */
    Optional<CosignRecord> cosignByReference(String digest);

    void updateCosign(CosignRecord c);

    /** Co-signatures in {@link CosignState#SENT}. */
    List<CosignRecord> unansweredCosigns();

    /** The latest {@code max} co-signatures, newest first. */
    List<CosignRecord> recentCosigns(int max);

    /**
     * Records that a co-signature request was refused; true if this transfer had not been refused for this
     * reason before (the caller logs only then).
     */
    boolean cosignRefused(String transferDigest, String bill, String reason, String detail, Instant at);

    /** How many co-signature requests were refused. */
    long cosignRefusals();

    // ---------------------------------------------------------------- operators

    /** An operator-visible event (the agent's event journal). */
    void event(TradeEvent kind, String detail, Instant at);
}
