package org.ebc.agent.config;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.ebc.agent.trading.TradingConfig;
import org.ebc.config.Settings;
import org.ebc.hardware.EnergyMeters;

/**
 * One agent's config file, checked as a whole at start: every key must be an agent key
 * ({@link AgentConfig#knownKeys()}), a trading key ({@link TradingConfig#KEYS}) or a meter-driver key
 * ({@link EnergyMeters#knownKeys()}); a typo is an
 * error that names the key, never a silent default.
 *
 * @param settings the whole file (the meter driver reads its keys from it)
 * @param agent the agent's own keys, validated
 */
public record AgentSettings(Settings settings, AgentConfig agent) {

    public static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>(AgentConfig.knownKeys());
        keys.addAll(TradingConfig.KEYS);
        keys.addAll(EnergyMeters.knownKeys());
        return keys;
    }

    /** @throws org.ebc.config.ConfigException naming the key and value at fault */
    public static AgentSettings load(Path file) {
        return of(Settings.load(file));
    }

    public static AgentSettings of(Settings settings) {
        settings.rejectUnknownKeys(knownKeys());
        return new AgentSettings(settings, AgentConfig.from(settings));
    }

    /** The driver type ({@code meter.type}), written into records as OCMF {@code MM}. */
    public String meterModel() {
        return settings.string(EnergyMeters.TYPE, "");
    }
}
