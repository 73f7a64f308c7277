package org.ebc.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.context.ContextBuilder;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.serial.MockSerialProvider;
import com.pi4j.provider.Provider;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.tinylog.Logger;

/**
 * Builds the Pi4J {@link Context} named by the configuration. Keys:
 * <ul>
 *   <li>{@code platform} (required): {@code mock} — Pi4J's mock platform with mock digital input, digital
 *       output and serial providers (bench, CI, simulated meters); {@code raspberrypi} — the gpiod provider
 *       for digital I/O (character device {@code /dev/gpiochipN}, works on Pi 1–5 without root) and the
 *       linuxfs providers for I2C and SPI.</li>
 *   <li>{@code platform.gpio-chip} (optional, raspberrypi only): the gpiod chip name, e.g. {@code gpiochip0}
 *       (Pi 5 with kernel ≥ 6.6, Pi 1–4) or {@code gpiochip4} (Pi 5 with older kernels). Default: Pi4J's.</li>
 * </ul>
 *
 * <p>The caller owns the returned context and must {@link Context#shutdown()} it. Pi4J's own shutdown hook
 * stays disabled: the agent shuts down in its own order (meter first, then the context).
 */
public final class Pi4jContexts {
    public static final String PLATFORM = "platform";
    public static final String GPIO_CHIP = "platform.gpio-chip";

    /** The platforms {@link #fromSettings} can build. */
    public enum Platform {
        MOCK,
        RASPBERRYPI
    }

    private Pi4jContexts() {}

    /** The configuration keys this class reads. */
    public static Set<String> knownKeys() {
        return Set.of(PLATFORM, GPIO_CHIP);
    }

    /**
     * Builds the context named by {@code platform}.
     *
     * @throws ConfigException if {@code platform} is missing or unknown, or if the raspberrypi providers
     *                         cannot start (not a Pi, no gpiochip device, no permission)
     */
    public static Context fromSettings(Settings settings) {
        if (settings.optional(PLATFORM).isEmpty()) {
            throw new ConfigException(PLATFORM, "", "a value is required: mock or raspberrypi (never auto-detected)");
        }
        Platform platform = settings.enumValue(PLATFORM, Platform.MOCK, Platform.class);
        Optional<String> chip = settings.optional(GPIO_CHIP);
        if (platform == Platform.MOCK) {
            if (chip.isPresent()) {
                throw new ConfigException(GPIO_CHIP, chip.get(), "only used with platform=raspberrypi");
            }
            return mock();
        }
        try {
            return raspberryPi(chip);
        } catch (RuntimeException e) {
            // Pi4J reports a missing native library or gpiochip as a bare runtime exception; the operator
            // needs to know which key chose this path.
            throw new ConfigException(
                    PLATFORM,
                    "raspberrypi",
                    "cannot open the Raspberry Pi GPIO/I2C/SPI providers (" + e.getMessage()
                            + "); on a bench machine use platform=mock");
        }
    }

    /** A context on Pi4J's mock platform: mock digital input, digital output and serial providers. */
    public static Context mock() {
        Context context = Pi4J.newContextBuilder()
                .noAutoDetect()
                .disableShutdownHook()
                .add(new MockPlatform())
                .add(mockProviders().toArray(Provider<?, ?, ?>[]::new))
                .build();
        Logger.debug("Pi4J context built: platform=mock");
        return context;
    }

    /** A context with the gpiod digital I/O and linuxfs I2C/SPI providers of a real Raspberry Pi. */
    public static Context raspberryPi(Optional<String> gpioChip) {
        ContextBuilder builder = Pi4J.newContextBuilder()
                .noAutoDetect()
                .disableShutdownHook()
                .add(raspberryPiProviders().toArray(Provider<?, ?, ?>[]::new));
        gpioChip.ifPresent(builder::setGpioChipName);
        Context context = builder.build();
        Logger.info("Pi4J context built: platform=raspberrypi gpio-chip={}", gpioChip.orElse("default"));
        return context;
    }

    static List<Provider<?, ?, ?>> mockProviders() {
        return List.of(
                MockDigitalInputProvider.newInstance(),
                MockDigitalOutputProvider.newInstance(),
                MockSerialProvider.newInstance());
    }

    static List<Provider<?, ?, ?>> raspberryPiProviders() {
        return List.of(
                GpioDDigitalInputProvider.newInstance(),
                GpioDDigitalOutputProvider.newInstance(),
                LinuxFsI2CProvider.newInstance(),
                LinuxFsSpiProvider.newInstance());
    }
}
