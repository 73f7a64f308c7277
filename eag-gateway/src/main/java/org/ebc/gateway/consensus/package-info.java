/**
 * The consortium consensus protocol core (the paper's Fig. 3 with Tendermint's locking and QBFT's
 * carried justifications; {@code docs/consensus.md}): one pure state machine per EAG,
 * {@link org.ebc.gateway.consensus.ConsensusCore}. Its inputs are consensus messages, timer expiries and
 * "my miner found a block"; it acts only through small ports: {@link
 * org.ebc.gateway.consensus.ConsensusTransport} (broadcast, send to one), {@link
 * org.ebc.gateway.consensus.BlockAuditor} (the chain's one block validator), {@link
 * org.ebc.gateway.consensus.ChainStore} (committed blocks and certificates), {@link
 * org.ebc.gateway.consensus.Timers}, {@link org.ebc.gateway.consensus.ConsensusJournal} (what this EAG
 * signed, so a restart never signs a conflicting vote) and {@link
 * org.ebc.gateway.consensus.ConsensusEvents} (for the miner, the ledger and the operator's log).
 *
 * <p>No threads, no I/O, no clock reads except through the injected {@link java.time.Clock}: the adapter
 * calls the core from one thread at a time.
 */
@NullMarked
package org.ebc.gateway.consensus;

import org.jspecify.annotations.NullMarked;
