package org.ebc.gateway.chain;

import java.util.Optional;
import org.ebc.ledger.Sha256Hash;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The questions the transaction rules ask of the ledger: the state after the chain (or, during the
 * validation of a block, after the block's transactions so far). Read-only. Amounts are minor units.
 */
public interface LedgerView {

    /** The address's balance (zero if it never received coins). */
    CoinAmount balance(WalletAddress address);

    /** The nonce of the address's last applied transfer; 0 if it has made none (its first transfer is 1). */
    long nonce(WalletAddress address);

    /** True if a transaction (or coinbase) with this id is already on the chain. */
    boolean hasTransaction(Sha256Hash id);

    /** The award recorded by award transaction {@code awardTx}, while it is unpaid. */
    Optional<PendingAward> pendingAward(Sha256Hash awardTx);

    /** True if the node's genesis allocation has been paid. */
    boolean allocated(NodeId node);

    /** True if {@code eag} has recorded an award for the period starting at {@code periodStartMillis}. */
    boolean awarded(EagId eag, long periodStartMillis);

    /** Who is registered where. */
    Enrollments enrollments();
}
