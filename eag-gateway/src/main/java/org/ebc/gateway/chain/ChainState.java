package org.ebc.gateway.chain;

import java.util.Collection;
import java.util.Optional;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.Sha256Hash;
import org.ebc.units.CoinAmount;

/**
 * Port: the committed chain as the block validator needs it, the state after the tip. The gateway's SQLite
 * store implements it for its own chain; {@link InMemoryChainState} is the in-memory twin (tests, sync
 * replays, {@code ledger verify}).
 *
 * <p>The validator reads the last {@code max(difficulty window + 1, median window)} headers; it never asks
 * for older ones. An implementation must answer consistently for the duration of one validation (a
 * snapshot, or the single writer's thread).
 */
public interface ChainState extends LedgerView {

    /** The consortium this chain belongs to. */
    Genesis genesis();

    /** The tip's height; 0 if only the genesis is there. */
    long height();

    /** The tip's block hash; the genesis hash at height 0. */
    Sha256Hash tipHash();

    /** The header at {@code height} (1 to {@link #height()}). */
    Optional<BlockHeader> header(long height);

    /** Every award recorded and not yet paid, in the order recorded (what a miner's coinbase may settle). */
    Collection<PendingAward> pendingAwards();

    /** All coins in existence: genesis allocations paid plus everything coinbases minted. */
    CoinAmount supply();
}
