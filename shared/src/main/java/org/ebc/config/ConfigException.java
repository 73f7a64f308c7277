package org.ebc.config;

/**
 * A configuration value that cannot be used. The message always names the key, the offending value and
 * what was expected, so that an operator can fix the file without reading code.
 */
public final class ConfigException extends RuntimeException {
    private final String key;
    private final String value;

    public ConfigException(String key, String value, String expected) {
        super("config key '" + key + "' has bad value '" + (value == null ? "" : value) + "': " + expected);
        this.key = key;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }
}
