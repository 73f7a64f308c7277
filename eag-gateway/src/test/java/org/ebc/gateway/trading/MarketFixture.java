package org.ebc.gateway.trading;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.gateway.GatewayFixture;
import org.ebc.gateway.TestMeter;
import org.ebc.gateway.account.NodeRecord;
import org.ebc.gateway.account.SqliteAccountPool;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.units.MeterSerial;
import org.ebc.wallet.WalletAddress;

/**
 * A gateway's files with market nodes already enrolled: each node's certificate bound in the account pool and one
 * wallet address bound to it, as the authority import would leave them, before the gateway starts.
 */
final class MarketFixture {
    /** A trading node: its meter (node key, readings) and its wallet. */
    record Trader(TestMeter meter, KeyPair wallet, WalletAddress address) {
        KeyId nodeKeyId() {
            return KeyId.of(meter.issued.keys().getPublic());
        }
    }

    final GatewayFixture gateway;
    final List<Trader> traders = new ArrayList<>();

    MarketFixture(Path root, String eag, int nodes) throws Exception {
        gateway = GatewayFixture.create(root, eag);
        Path db = GatewayDatabase.file(gateway.dataDir);
        GatewayDatabase.openMigrated(db).close();
        try (SqliteAccountPool pool = new SqliteAccountPool(GatewayDatabase.openWriter(db), Clock.systemUTC())) {
            for (int i = 1; i <= nodes; i++) {
                TestMeter m = new TestMeter(gateway.authority, "node-" + i, "M-" + i);
                pool.bindNode(new NodeRecord(
                        m.nodeId(),
                        "identity " + i,
                        MeterSerial.of(m.meter),
                        m.issued.certificate(),
                        KeyId.of(m.issued.keys().getPublic()),
                        Instant.now(),
                        "test"));
                KeyPair wallet = KeyPairs.generate();
                WalletAddress a = WalletAddress.of(wallet.getPublic());
                pool.bindWallet(a, m.nodeId());
                traders.add(new Trader(m, wallet, a));
            }
        }
    }

    Trader trader(int i) {
        return traders.get(i - 1);
    }

    /** Gateway settings on an external broker with the given market keys. */
    Map<String, String> settings(String brokerUrl, Map<String, String> market) {
        Map<String, String> m = gateway.settings(brokerUrl);
        m.putAll(market);
        return m;
    }
}
