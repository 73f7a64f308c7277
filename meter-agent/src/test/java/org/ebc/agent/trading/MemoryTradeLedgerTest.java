package org.ebc.agent.trading;

/** The in-memory twin keeps the ledger's contract. */
class MemoryTradeLedgerTest extends TradeLedgerContract {
    private final MemoryTradeLedger ledger = new MemoryTradeLedger();

    @Override
    TradeLedger ledger() {
        return ledger;
    }
}
