package org.ebc.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A flat, validated view of one configuration file ({@code key = value} lines, Java properties syntax),
 * shared by the meter agent and the gateway. Every getter either returns a usable value or throws a
 * {@link ConfigException} naming the key and the bad value: configuration fails fast, at start.
 *
 * <p>Unknown keys are an error too (see {@link #rejectUnknownKeys(Set)}): a typo in a key must not
 * silently fall back to a default.
 */
public final class Settings {
    private final Map<String, String> values;
    private final String source;

    private Settings(Map<String, String> values, String source) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.source = source;
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values, "defaults");
    }

    /** Reads a properties file (UTF-8). A missing or unreadable file is a {@link ConfigException}. */
    public static Settings load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file", file.toString(), "file does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("config file", file.toString(), "cannot be read: " + e.getMessage());
        }
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k.trim(), p.getProperty(k).trim());
        }
        return new Settings(m, file.toString());
    }

    /** A copy with {@code overrides} laid over these values (command-line options win over the file). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> m = new TreeMap<>(values);
        m.putAll(overrides);
        return new Settings(m, source);
    }

    public String source() {
        return source;
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Fails on the first key that is not in {@code known} (typos must not fall back to defaults). */
    public void rejectUnknownKeys(Set<String> known) {
        rejectUnknownKeys(known, Set.of());
    }

    /**
     * Fails on the first key that is neither in {@code known} nor starts with one of {@code families} (keys
     * like {@code verify.rated.power.<node id>}, one per node); the family's reader checks what follows.
     */
    public void rejectUnknownKeys(Set<String> known, Set<String> families) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        unknown.removeIf(k -> families.stream().anyMatch(k::startsWith));
        if (!unknown.isEmpty()) {
            String k = unknown.iterator().next();
            throw new ConfigException(
                    k, values.get(k), "unknown key in " + source + "; known keys: " + new TreeSet<>(known));
        }
    }

    /** The keys that start with {@code prefix}, sorted. */
    public Set<String> keysStartingWith(String prefix) {
        Set<String> out = new TreeSet<>();
        for (String k : values.keySet()) {
            if (k.startsWith(prefix)) {
                out.add(k);
            }
        }
        return out;
    }

    public Optional<String> optional(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public String requireString(String key) {
        return optional(key).orElseThrow(() -> new ConfigException(key, "", "a value is required"));
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, v.get(), "expected a whole number between " + min + " and " + max);
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(key, v.get(), "expected a whole number between " + min + " and " + max);
        }
        return parsed;
    }

    public int intValue(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(key, v.get(), "expected true or false");
        };
    }

    /**
     * A duration written as ISO-8601 ({@code PT10S}) or as a number with a unit suffix: {@code 250ms},
     * {@code 10s}, {@code 15m}, {@code 2h}.
     */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        Duration d = parseDuration(v.get());
        String range = "expected a duration such as 500ms, 10s, 15m or PT10S between " + min + " and " + max;
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(key, v.get(), range);
        }
        return d;
    }

    public <T> T parsed(String key, String defaultValue, String expected, Function<String, T> parser) {
        String v = string(key, defaultValue);
        T t;
        try {
            t = parser.apply(v);
        } catch (RuntimeException e) {
            throw new ConfigException(key, v, expected);
        }
        if (t == null) {
            throw new ConfigException(key, v, expected);
        }
        return t;
    }

    public <E extends Enum<E>> E enumValue(String key, E defaultValue, Class<E> type) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.get().replace('-', '_'))) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(e.name().toLowerCase(java.util.Locale.ROOT));
        }
        throw new ConfigException(key, v.get(), "expected one of " + names);
    }

    static Duration parseDuration(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                return Duration.parse(t);
            }
            long factorMs;
            String num;
            if (t.endsWith("ms")) {
                factorMs = 1;
                num = t.substring(0, t.length() - 2);
            } else if (t.endsWith("s")) {
                factorMs = 1000;
                num = t.substring(0, t.length() - 1);
            } else if (t.endsWith("m")) {
                factorMs = 60_000;
                num = t.substring(0, t.length() - 1);
            } else if (t.endsWith("h")) {
                factorMs = 3_600_000;
                num = t.substring(0, t.length() - 1);
            } else {
                return null;
            }
            return Duration.ofMillis(Math.multiplyExact(Long.parseLong(num.trim()), factorMs));
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
