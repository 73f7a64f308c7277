package org.ebc.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebc.agent.config.AgentConfig;
import org.ebc.agent.config.AgentSettings;
import org.ebc.agent.testing.NodeKeys;
import org.ebc.agent.testing.ScriptedMeter;
import org.ebc.agent.trading.TradingSummary;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.hardware.RegisterBase;
import org.ebc.testing.TestAuthority;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trading agent needs its wallet keys; one that does not trade does not. */
class MeterAgentTradingSetupTest {
    @TempDir
    Path dir;

    private final TestAuthority authority = TestAuthority.create();

    private AgentConfig config(boolean trading) {
        Map<String, String> m = new HashMap<>();
        m.put("node.id", "node-s");
        m.put("eag.id", "eag-s");
        m.put("broker.url", "tcp://127.0.0.1:1");
        m.put("key.dir", dir.resolve("keys").toString());
        m.put("data.dir", dir.resolve("data").toString());
        m.put("clock.status", "S");
        m.put("trading.enabled", "" + trading);
        return AgentSettings.of(Settings.of(m)).agent();
    }

    private MeterAgent open(boolean trading) {
        return MeterAgent.open(
                config(trading),
                new ScriptedMeter("M-S", RegisterBase.METER_ABSOLUTE),
                "scripted",
                Clock.systemUTC(),
                new SplittableRandom(1),
                false);
    }

    @Test
    void aTradingAgentWithoutWalletKeysIsAConfigurationErrorNamingTheKeyDirectory() {
        NodeKeys.write(authority, dir.resolve("keys"), "node-s", "M-S");
        assertThatThrownBy(() -> open(true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key.dir")
                .hasMessageContaining("wallet-1.key")
                .hasMessageContaining("trading.enabled = false");
    }

    @Test
    void anAgentThatDoesNotTradeNeedsNoWalletKeys() {
        NodeKeys.write(authority, dir.resolve("keys"), "node-s", "M-S");
        try (MeterAgent agent = open(false)) {
            assertThat(agent.status().trading()).isEmpty();
        }
    }

    @Test
    void aTradingAgentKnowsEveryOneOfItsAddressesFromTheStart() {
        NodeKeys.write(authority, dir.resolve("keys"), "node-s", "M-S");
        var wallets = NodeKeys.writeWallets(dir.resolve("keys"), 3);
        try (MeterAgent agent = open(true)) {
            TradingSummary t = agent.status().trading().orElseThrow();
            assertThat(t.wallets())
                    .extracting(w -> w.address())
                    .containsExactlyInAnyOrder(
                            WalletAddress.of(wallets.get(0).getPublic()),
                            WalletAddress.of(wallets.get(1).getPublic()),
                            WalletAddress.of(wallets.get(2).getPublic()));
            assertThat(t.wallets()).allSatisfy(w -> assertThat(w.nextNonce()).isEqualTo(1));
            assertThat(t.lastDecision().orElseThrow().why()).contains("no market rules");
        }
    }
}
