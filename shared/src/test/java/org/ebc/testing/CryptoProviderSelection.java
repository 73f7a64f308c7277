package org.ebc.testing;

import org.ebc.crypto.Crypto;
import org.ebc.crypto.CryptoProvider;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs a whole test execution under the crypto provider named by the system property
 * {@value #PROPERTY} (a {@link CryptoProvider} name): shared's pom runs the crypto, envelope, OCMF and
 * wire tests a second time with {@code PLATFORM}, the meter agent's provider, so that every golden vector,
 * tamper matrix and certificate reason holds for both providers. Selected when the launcher session opens,
 * before any test class (and its static fixtures) is loaded. Without the property it does nothing.
 */
public final class CryptoProviderSelection implements LauncherSessionListener {
    public static final String PROPERTY = "ebc.test.crypto-provider";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String name = System.getProperty(PROPERTY);
        if (name != null && !name.isBlank()) {
            Crypto.useProvider(CryptoProvider.valueOf(name.trim()));
        }
    }
}
