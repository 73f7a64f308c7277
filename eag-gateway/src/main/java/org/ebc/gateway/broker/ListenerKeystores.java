package org.ebc.gateway.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * The key store and trust store HiveMQ's TLS listener reads (it takes no PEM files): written at every start of
 * the embedded broker from the EAG's key and certificate and the authority's root, into
 * {@code <broker dir>/conf/tls/}, mode 0600, with a fresh random password each time (it only protects the
 * copy on disk, next to the configuration that names it). PKCS#12, which the JDK also opens as HiveMQ's
 * default "JKS" type. Not thread-safe; called once per start.
 *
 * @param keystore the server key and certificate chain
 * @param truststore the authority's root: the only CA whose client certificates the handshake accepts
 * @param password the password of both stores and of the key entry
 */
record ListenerKeystores(Path keystore, Path truststore, String password) {

    static ListenerKeystores write(Path dir, PrivateKey key, List<X509Certificate> chain, X509Certificate root) {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Path keystore = dir.resolve("keystore.p12");
        Path truststore = dir.resolve("truststore.p12");
        try {
            Files.createDirectories(dir);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("ebc-broker", key, password.toCharArray(), chain.toArray(new Certificate[0]));
            store(keys, keystore, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ebc-authority", root);
            store(trust, truststore, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new BrokerStartException("cannot write the TLS key stores in " + dir + ": " + e.getMessage(), e);
        }
        return new ListenerKeystores(keystore, truststore, password);
    }

    private static void store(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
            store.store(out, password.toCharArray());
        }
    }
}
