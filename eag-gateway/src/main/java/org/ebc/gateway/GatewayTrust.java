package org.ebc.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.ebc.config.ConfigException;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.ebc.gateway.account.AuthorityImport;
import org.ebc.gateway.account.RevocationWatch;
import org.ebc.gateway.account.Revocations;
import org.ebc.gateway.authority.AuthorityRefusal;
import org.ebc.gateway.authority.AuthorityRegistry;

/**
 * What the gateway trusts: the authority's root certificate and its current revocation list, from
 * {@code authority.dir} when configured, else from {@code keys.dir} ({@code ca.crt}, optional
 * {@code crl.pem}). Loaded at start, failing with the key and the file named; the revocation list is
 * then kept current by {@link RevocationWatch} or {@link AuthorityImport}. Immutable apart from the
 * {@link Revocations} it holds (thread-safe).
 *
 * @param root the authority's root: every node and EAG certificate must chain to it
 * @param revocations the current revocation list
 * @param crlFile the {@code crl.pem} to watch (keys.dir mode), if any
 */
record GatewayTrust(X509Certificate root, Revocations revocations, Optional<Path> crlFile) {
    static final String ROOT_FILE = "ca.crt";
    static final String CRL_FILE = "crl.pem";

    CertificateValidator validator() {
        return new CertificateValidator(root, revocations::current);
    }

    static GatewayTrust load(GatewayConfig config) {
        Path keysRoot = config.keysDir().resolve(ROOT_FILE);
        if (config.authorityDir().isPresent()) {
            Path dir = config.authorityDir().get();
            AuthorityRegistry registry;
            try {
                registry = AuthorityImport.load(dir);
            } catch (AuthorityRefusal | KeyFileException e) {
                throw new ConfigException(
                        GatewayConfig.AUTHORITY_DIR,
                        dir.toString(),
                        "not a usable authority directory: " + e.getMessage());
            }
            if (Files.exists(keysRoot)
                    && !readRoot(keysRoot, GatewayConfig.KEYS_DIR, config.keysDir())
                            .equals(registry.root())) {
                throw new ConfigException(
                        GatewayConfig.AUTHORITY_DIR,
                        dir.toString(),
                        "its ca.crt is not the " + keysRoot + " the gateway's certificate was issued under");
            }
            return new GatewayTrust(
                    registry.root(), new Revocations(RevocationList.of(registry.revokedSerials())), Optional.empty());
        }
        X509Certificate root = readRoot(keysRoot, GatewayConfig.KEYS_DIR, config.keysDir());
        Path crl = config.keysDir().resolve(CRL_FILE);
        RevocationList initial = RevocationList.EMPTY;
        if (Files.exists(crl)) {
            try {
                initial = RevocationWatch.read(crl, root);
            } catch (KeyFileException | IllegalArgumentException e) {
                throw new ConfigException(
                        GatewayConfig.KEYS_DIR,
                        config.keysDir().toString(),
                        CRL_FILE + " is not usable: " + e.getMessage());
            }
        }
        return new GatewayTrust(root, new Revocations(initial), Optional.of(crl));
    }

    private static X509Certificate readRoot(Path file, String key, Path dir) {
        try {
            return Pem.readCertificate(file);
        } catch (KeyFileException e) {
            throw new ConfigException(key, dir.toString(), e.getMessage());
        }
    }
}
