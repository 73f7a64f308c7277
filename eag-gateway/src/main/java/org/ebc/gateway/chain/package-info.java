/**
 * The ledger's rules (DESIGN §5, §7; paper §II.B.5): the one block validator
 * ({@link org.ebc.gateway.chain.BlockValidator}) that every path uses (the EAG's own proposals, peers'
 * proposals, sync, {@code ledger verify}), the chain state it validates against (the ports
 * {@link org.ebc.gateway.chain.ChainState}, {@link org.ebc.gateway.chain.LedgerView} and
 * {@link org.ebc.gateway.chain.Enrollments}, with the in-memory twin
 * {@link org.ebc.gateway.chain.InMemoryChainState}), the next block's difficulty and time rules
 * ({@link org.ebc.gateway.chain.NextBlock}), block assembly ({@link org.ebc.gateway.chain.BlockAssembler})
 * and proof-of-work mining ({@link org.ebc.gateway.chain.Miner}). The data formats are in
 * {@code org.ebc.ledger} (shared) and {@code docs/ledger.md}.
 *
 * <p>Pure core: no MQTT, no JDBC, no logging, time from an injected {@link java.time.Clock}, threads from an
 * injected {@link java.util.concurrent.Executor}. Validation is a function of (block, state, clock); applying
 * a valid block's {@link org.ebc.gateway.chain.BlockEffects} yields the next state, so checking a chain is a
 * fold ({@link org.ebc.gateway.chain.ChainFold}).
 */
@org.jspecify.annotations.NullMarked
package org.ebc.gateway.chain;
