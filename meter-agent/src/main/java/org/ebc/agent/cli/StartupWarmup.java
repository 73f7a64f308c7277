package org.ebc.agent.cli;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.json.StrictJson;
import org.tinylog.Logger;

/**
 * Initialises, on a background thread while the main thread builds the Pi4J context and opens the meter,
 * what the agent is about to need anyway, in the order the main thread needs it: the JDK's EC key,
 * signature and X.509 classes, P-256's parameters and the PEM parser (reading and checking the key
 * directory), ECDH (the wallet keys' public halves), SQLite's native library (extracted and loaded when the agent's file is opened), Paho, and
 * Jackson (the first signed record). Start-up is mostly class loading; doing it on the second core
 * shortens the time to the first published record (figures in docs/agent.md). Nothing here has
 * side effects beyond class initialisation and SQLite's copy of its library in the temporary directory,
 * which opening the database would make anyway.
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
            KeyPairs.isP256(null);
            javax.crypto.KeyAgreement.getInstance("ECDH", Crypto.provider()); // wallet public keys (trading)
            Pem.parseCertificates("");
            org.sqlite.SQLiteJDBCLoader.initialize();
            Class.forName("org.eclipse.paho.client.mqttv3.MqttAsyncClient");
            StrictJson.parseObject("{\"warm\":1}".getBytes(StandardCharsets.US_ASCII));
        } catch (Exception | LinkageError e) {
            // Only a head start: whatever failed here fails again, with its real context, where it is used.
            Logger.debug("startup warm-up incomplete: {}", e.toString());
        }
    }
}
