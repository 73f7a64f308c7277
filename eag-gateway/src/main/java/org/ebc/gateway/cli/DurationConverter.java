package org.ebc.gateway.cli;

import java.time.Duration;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Command-line durations written as in the configuration files: {@code 250ms}, {@code 10s}, {@code 15m},
 * {@code 2h} or ISO-8601 ({@code PT10S}); one parser for both, so the two never disagree.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Settings.of(Map.of("duration", value))
                    .duration("duration", Duration.ZERO, Duration.ZERO, Duration.ofDays(3650));
        } catch (ConfigException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration; write e.g. 250ms, 10s, 15m, 2h or PT10S");
        }
    }
}
