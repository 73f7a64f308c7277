package org.ebc.gateway.chain;

import java.util.List;
import java.util.Map;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.Sha256Hash;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * What a valid block changes, computed by the validator: everything a store writes in the block's one
 * transaction, and what {@link InMemoryChainState#apply} folds in. Values, not deltas, for balances and
 * nonces: a store sets them and cannot double-apply.
 *
 * @param header the block's header (height, hash, timestamp, target for the next block's rules)
 * @param transactionIds the coinbase's id, then every transaction's id, in block order
 * @param balances the new balance of every address the block credited or debited
 * @param nonces the new last nonce of every address that made a transfer
 * @param awardsRecorded awards this block records (pending from the next block on)
 * @param awardsPaid award transaction ids whose awards this block's coinbase paid
 * @param allocated nodes whose genesis allocation this block paid
 * @param minted coins created by this block: reward + awards paid + allocations
 */
public record BlockEffects(
        BlockHeader header,
        List<Sha256Hash> transactionIds,
        Map<WalletAddress, CoinAmount> balances,
        Map<WalletAddress, Long> nonces,
        List<PendingAward> awardsRecorded,
        List<Sha256Hash> awardsPaid,
        List<NodeId> allocated,
        CoinAmount minted) {

    public BlockEffects {
        transactionIds = List.copyOf(transactionIds);
        balances = Map.copyOf(balances);
        nonces = Map.copyOf(nonces);
        awardsRecorded = List.copyOf(awardsRecorded);
        awardsPaid = List.copyOf(awardsPaid);
        allocated = List.copyOf(allocated);
    }

    public Sha256Hash blockHash() {
        return header.hash();
    }
}
