/**
 * The energy blockchain's data: ledger transactions ({@link org.ebc.ledger.LedgerTransaction}) with the
 * payment envelopes inside them ({@link org.ebc.payment.Transfer}, {@link org.ebc.payment.Cosign}), the
 * authority-signed {@link org.ebc.ledger.Genesis} that fixes the consortium, block headers, coinbases and
 * blocks ({@link org.ebc.ledger.BlockHeader}, {@link org.ebc.ledger.Coinbase}, {@link org.ebc.ledger.Block}),
 * Merkle trees and proofs ({@link org.ebc.ledger.MerkleTree}, {@link org.ebc.ledger.MerkleProof}) and the
 * difficulty rule ({@link org.ebc.ledger.DifficultyRule}). The exact byte layouts are in
 * {@code docs/ledger.md}; golden vectors in the tests pin them.
 *
 * <p>Everything here is a pure function of its input: codecs return a {@link org.ebc.ledger.Outcome}
 * with a reason instead of throwing on hostile input. The rules that need the chain's state (balances,
 * nonces, duplicates, home EAG, difficulty of the next block) are the gateway's block validator
 * ({@code org.ebc.gateway.chain.BlockValidator}), the one function every path uses.
 */
@org.jspecify.annotations.NullMarked
package org.ebc.ledger;
