package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.SqliteTradeLedger;
import org.ebc.agent.store.StoreException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite ledger keeps the ledger's contract against a real file, and keeps it across a reopen. */
class SqliteTradeLedgerTest extends TradeLedgerContract {
    @TempDir
    Path dir;

    private @Nullable AgentDatabase db;

    private AgentDatabase db() {
        AgentDatabase d = db;
        if (d == null) {
            d = AgentDatabase.open(dir.resolve("agent.db"));
            db = d;
        }
        return d;
    }

    @Override
    TradeLedger ledger() {
        return new SqliteTradeLedger(db());
    }

    @AfterEach
    void close() {
        AgentDatabase d = db;
        if (d != null) {
            d.close();
        }
    }

    @Test
    void theOrderSequenceSurvivesAReopenOfTheFile() {
        ledger().addOrder(TradeFixtures.order(1, TradeFixtures.T0, OrderState.SENT));
        ledger().addOrder(TradeFixtures.order(2, TradeFixtures.T0.plus(TradeFixtures.SLOT), OrderState.SENT));
        db().close();
        db = null;
        assertThat(ledger().nextOrderSeq()).isEqualTo(3);
        assertThat(ledger().order(2).orElseThrow().state()).isEqualTo(OrderState.SENT);
    }

    @Test
    void theFileItselfRefusesToMoveTheOrderSequenceBack() {
        ledger().addOrder(TradeFixtures.order(1, TradeFixtures.T0, OrderState.SENT));
        assertThatThrownBy(() -> db().inTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("UPDATE trade_state SET next_order_seq = 1");
                    }
                    return null;
                }))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("never goes backwards");
    }
}
