package org.ebc.gateway.ledger;

/**
 * One row of {@code ledger_transactions}, as read.
 *
 * @param id its id column (SHA-256 of the transaction's bytes, hex)
 * @param height the block it says it is in
 * @param position its Merkle leaf index in that block (1 for the first transaction after the coinbase)
 * @param tx the transaction's exact bytes
 */
public record StoredTransaction(String id, long height, long position, byte[] tx) {}
