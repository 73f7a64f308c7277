package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqlitePaymentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance property against the SQLite store on a real file (every step one fsync'd transaction,
 * so a shorter walk), and then the file reopened: the state the walk's own ledger predicts is all there.
 */
class SqlitePaymentPropertyTest {
    @TempDir
    Path dir;

    @Test
    void fiveThousandRandomStepsOnSqliteNeverCreateLoseOrDoubleSpendACoin() throws Exception {
        Path file = dir.resolve(GatewayDatabase.FILE_NAME);
        Totals end;
        try (SqlitePaymentStore store = new SqlitePaymentStore(GatewayDatabase.openMigrated(file))) {
            PaymentWalk walk = new PaymentWalk(store, 7L);
            walk.run(5_000);
            assertThat(walk.applied()).isGreaterThan(200);
            assertThat(walk.seen(Refusal.REPLAY)).isPositive();
            assertThat(walk.seen(Refusal.INSUFFICIENT_FUNDS)).isPositive();
            assertThat(walk.seen(Refusal.EXPIRED)).isPositive();
            end = store.totals();
        }
        try (SqlitePaymentStore reopened = new SqlitePaymentStore(GatewayDatabase.openMigrated(file))) {
            assertThat(reopened.totals()).isEqualTo(end);
            assertThat(end.conserved()).isTrue();
        }
    }
}
