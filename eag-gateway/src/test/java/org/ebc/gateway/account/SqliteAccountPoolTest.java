package org.ebc.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account pool contract against a real SQLite file, plus what only a database can show: it survives reopening. */
class SqliteAccountPoolTest extends AccountPoolContract {
    @TempDir
    Path dir;

    private SqliteAccountPool open() throws SQLException {
        return new SqliteAccountPool(
                GatewayDatabase.openMigrated(dir.resolve("gateway.db")), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    AccountPool newPool() throws SQLException {
        return open();
    }

    @AfterEach
    void close() {
        ((SqliteAccountPool) pool).close();
    }

    @Test
    void nodesWalletsAndBalancesSurviveReopeningTheDatabase() throws SQLException {
        NodeRecord alice = node("alice", "M1");
        pool.bindNode(alice);
        WalletAddress a = WalletAddress.of(org.ebc.crypto.KeyPairs.generate().getPublic());
        pool.bindWallet(a, NodeId.of("alice"));
        pool.credit(a, CoinAmount.ofCoins(3));
        ((SqliteAccountPool) pool).close();

        pool = open();

        assertThat(pool.node(NodeId.of("alice")).orElseThrow().certificate()).isEqualTo(alice.certificate());
        assertThat(pool.ownerOf(a)).contains(NodeId.of("alice"));
        assertThat(pool.balance(a)).isEqualTo(CoinAmount.ofCoins(3));
    }
}
