package org.ebc.gateway.ledger;

/**
 * One row of {@code ledger_blocks}, as read, before anything is believed.
 *
 * @param height the row's height column
 * @param hash its hash column
 * @param previous its previous-hash column
 * @param miner its miner column
 * @param timestampMillis its timestamp column
 * @param transactionCount its transaction-count column
 * @param round its certificate-round column
 * @param block the block's exact bytes
 * @param certificate the commit certificate's exact JSON
 */
public record StoredBlock(
        long height,
        String hash,
        String previous,
        String miner,
        long timestampMillis,
        long transactionCount,
        long round,
        byte[] block,
        byte[] certificate) {}
