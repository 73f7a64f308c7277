package org.ebc.agent.cli;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import org.ebc.crypto.Crypto;
import org.ebc.json.StrictJson;
import org.tinylog.Logger;

/**
 * Initialises, on a background thread while the main thread builds the Pi4J context and opens the meter,
 * the libraries the agent is about to need anyway: the JDK's EC key, signature and X.509 classes (on the
 * path to reading the node key), Jackson (the first signed record), Paho and SQLite's native library.
 * Start-up is mostly class loading; doing it on the second core shortens the time to the first published
 * record (figures in docs/agent-notes.md). Nothing here has side effects beyond class initialisation.
 */
final class StartupWarmup {
    private StartupWarmup() {}

    static void begin() {
        Thread t = new Thread(StartupWarmup::run, "startup-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            Signature.getInstance(Crypto.SIGNATURE_ALGORITHM, Crypto.provider());
            KeyFactory.getInstance("EC", Crypto.provider());
            CertificateFactory.getInstance("X.509");
            StrictJson.parseObject("{\"warm\":1}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Class.forName("org.eclipse.paho.client.mqttv3.MqttAsyncClient");
            Class.forName("org.sqlite.JDBC");
        } catch (ClassNotFoundException | GeneralSecurityException | RuntimeException | LinkageError e) {
            // Only a head start: whatever failed here fails again, with its real context, where it is used.
            Logger.debug("startup warm-up incomplete: {}", e.toString());
        }
    }
}
