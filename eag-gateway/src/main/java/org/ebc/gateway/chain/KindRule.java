package org.ebc.gateway.chain;

import org.ebc.ledger.LedgerTransaction;

/**
 * A rule for a declared but pluggable transaction kind ({@code credit} for Part F's credit bank,
 * {@code evidence} for the consensus's equivocation evidence). The validator has already verified the
 * admitting EAG's signature and checked that the transaction is not a duplicate; the rule checks the
 * kind's own content against the ledger so far and says which coins, if any, move. It cannot mint: the
 * validator applies its movements like transfers (the admitting EAG must be the home EAG of each
 * {@code from}, balances must cover them).
 *
 * <p>Must be a pure function of its arguments (every EAG must reach the same verdict) and thread-safe.
 * A rule that throws is treated as a refusal.
 */
@FunctionalInterface
public interface KindRule {

    /**
     * @param tx the transaction, at its position in the block
     * @param ledger the ledger after the chain and the block's earlier transactions
     */
    RuleOutcome check(LedgerTransaction tx, LedgerView ledger);
}
