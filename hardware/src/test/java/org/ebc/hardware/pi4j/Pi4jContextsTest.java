package org.ebc.hardware.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.provider.Provider;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.junit.jupiter.api.Test;

class Pi4jContextsTest {

    @Test
    void theMockPlatformIsBuiltExplicitlyWithMockGpioAndSerial() {
        Context pi4j = Pi4jContexts.fromSettings(Settings.of(Map.of(Pi4jContexts.PLATFORM, "mock")));
        try {
            assertThat(pi4j.platforms().all()).containsKey(new MockPlatform().id());
            assertThat(pi4j.providers().all().keySet())
                    .containsExactlyInAnyOrder("mock-digital-input", "mock-digital-output", "mock-serial");
            DigitalInput in =
                    pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("probe").address(5));
            assertThat(in).isInstanceOf(MockDigitalInput.class);
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void thePlatformMustBeNamedNeverGuessed() {
        assertThatThrownBy(() -> Pi4jContexts.fromSettings(Settings.of(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'platform'");
        assertThatThrownBy(() -> Pi4jContexts.fromSettings(Settings.of(Map.of(Pi4jContexts.PLATFORM, "beaglebone"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("beaglebone")
                .hasMessageContaining("raspberrypi");
        assertThatThrownBy(() -> Pi4jContexts.fromSettings(
                        Settings.of(Map.of(Pi4jContexts.PLATFORM, "mock", Pi4jContexts.GPIO_CHIP, "gpiochip4"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("platform.gpio-chip");
    }

    @Test
    void aRaspberryPiGetsGpiodForDigitalIoAndLinuxfsForI2cAndSpi() {
        assertThat(Pi4jContexts.raspberryPiProviders())
                .extracting(Provider::id)
                .containsExactlyInAnyOrder("gpiod-digital-input", "gpiod-digital-output", "linuxfs-i2c", "linuxfs-spi");
    }
}
