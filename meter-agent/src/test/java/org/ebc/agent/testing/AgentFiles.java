package org.ebc.agent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebc.testing.TestAuthority;
import org.ebc.wallet.WalletAddress;

/**
 * Writes what an installed agent has: a key directory as enrollment leaves it and one config file with the
 * agent's keys and a simulated S0 meter on Pi4J mock GPIO ({@code meter.type = simulated}).
 */
public final class AgentFiles {
    private AgentFiles() {}

    /**
     * An agent's files under {@code dir}: {@code keys/} (with {@value NodeKeys#WALLETS} wallet keys), {@code data/},
     * {@code agent.properties}.
     *
     * @param wallets the wallet key pairs, {@code wallet-1.key} first
     */
    public record Written(Path config, Path keyDir, Path dataDir, TestAuthority.Issued node, List<KeyPair> wallets) {
        /** The address of {@code wallet-n.key}. */
        public WalletAddress address(int n) {
            return WalletAddress.of(wallets.get(n - 1).getPublic());
        }

        /**
         * Where the agent's orders go before any balance notice: the address first in text order
         * ({@code Wallets.trading}'s tie-break). The keys are random per run, so this is not always wallet 1.
         */
        public WalletAddress firstInTextOrder() {
            return wallets.stream()
                    .map(k -> WalletAddress.of(k.getPublic()))
                    .min(Comparator.comparing(WalletAddress::toString))
                    .orElseThrow();
        }
    }

    /**
     * The simulated meter runs a prosumer profile at {@code acceleration}× real time: 5 kW peak at 1000 imp/kWh
     * gives up to 1.4 × acceleration pulses per second.
     */
    public static Map<String, String> simulatedMeter(
            String serial, long seed, long acceleration, int importPin, int exportPin) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("platform", "mock");
        m.put("meter.type", "simulated");
        m.put("meter.serial", serial);
        m.put("meter.s0.import.pin", String.valueOf(importPin));
        m.put("meter.s0.export.pin", String.valueOf(exportPin));
        m.put("meter.s0.impulses-per-kwh", "1000");
        m.put("meter.s0.debounce", "PT0.0002S");
        m.put("meter.s0.max-pulse-rate-hz", "1000");
        m.put("sim.profile", "prosumer");
        m.put("sim.seed", String.valueOf(seed));
        m.put("sim.acceleration", String.valueOf(acceleration));
        m.put("sim.peak-power", "5000");
        return m;
    }

    public static Written write(
            Path dir,
            TestAuthority authority,
            String node,
            String eag,
            String brokerUrl,
            Map<String, String> meter,
            Map<String, String> extra)
            throws IOException {
        Path keys = dir.resolve("keys");
        Path data = dir.resolve("data");
        TestAuthority.Issued issued = NodeKeys.write(authority, keys, node, meter.get("meter.serial"));
        List<KeyPair> wallets = NodeKeys.writeWallets(keys, NodeKeys.WALLETS);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("node.id", node);
        m.put("eag.id", eag);
        m.put("broker.url", brokerUrl);
        m.put("key.dir", keys.toAbsolutePath().toString());
        m.put("data.dir", data.toAbsolutePath().toString());
        m.put("clock.status", "S");
        m.put("broker.reconnect.min-delay", "100ms");
        m.put("broker.reconnect.max-delay", "1s");
        m.putAll(meter);
        m.putAll(extra);
        StringBuilder b = new StringBuilder("# written by the test\n");
        m.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        Path config = dir.resolve("agent.properties");
        Files.createDirectories(dir);
        Files.writeString(config, b.toString(), StandardCharsets.UTF_8);
        return new Written(config, keys, data, issued, wallets);
    }
}
