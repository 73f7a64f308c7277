package org.ebc.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.ebc.config.ConfigException;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.KeyDirectory;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.crypto.Signatures;
import org.ebc.gateway.authority.EagEnrollment;
import org.ebc.units.EagId;

/**
 * The gateway's own key and certificate ({@code eag.key}, {@code eag.crt} in {@code keys.dir}), with
 * which it signs acknowledgements. Loaded and checked once at start: the key must belong to the
 * certificate, and the certificate must be a valid EAG certificate of the authority for this EAG id.
 * Immutable; the private key is never logged or written anywhere.
 *
 * @param eag the gateway's id
 * @param key the private signing key
 * @param certificate the EAG certificate
 * @param keyId the key id acknowledgements name their signer by
 */
public record EagIdentity(EagId eag, PrivateKey key, X509Certificate certificate, KeyId keyId) {

    /**
     * The identity {@code eag-gateway run} loads, for an offline command that signs as this EAG ({@code ledger
     * prove}). @throws ConfigException naming the key if anything is missing or does not fit
     */
    public static EagIdentity load(GatewayConfig config) {
        return load(
                config.keysDir(),
                config.eag(),
                GatewayTrust.load(config).validator(),
                config.clock().instant());
    }

    /** @throws ConfigException naming {@code keys.dir} if anything is missing or does not fit */
    public static EagIdentity load(Path keysDir, EagId eag, CertificateValidator validator, Instant now) {
        String dir = keysDir.toString();
        PrivateKey key;
        X509Certificate cert;
        try {
            KeyDirectory.requireOwnerOnly(keysDir);
            key = Pem.readPrivateKey(keysDir.resolve(EagEnrollment.KEY));
            cert = Pem.readCertificate(keysDir.resolve(EagEnrollment.CERTIFICATE));
        } catch (KeyFileException e) {
            throw new ConfigException(GatewayConfig.KEYS_DIR, dir, e.getMessage());
        }
        byte[] probe = ("ebc key check " + eag).getBytes(StandardCharsets.UTF_8);
        if (!Signatures.verify(cert.getPublicKey(), probe, Signatures.sign(key, probe))) {
            throw new ConfigException(
                    GatewayConfig.KEYS_DIR,
                    dir,
                    EagEnrollment.KEY + " does not belong to " + EagEnrollment.CERTIFICATE);
        }
        CertificateCheck check = validator.check(cert, now, CertificateRole.EAG);
        if (!check.isValid()) {
            throw new ConfigException(
                    GatewayConfig.KEYS_DIR,
                    dir,
                    EagEnrollment.CERTIFICATE + " is not usable: " + check.reason() + ": " + check.detail());
        }
        if (!check.subject().id().equals(eag.value())) {
            throw new ConfigException(
                    GatewayConfig.EAG_ID,
                    eag.value(),
                    "does not match " + EagEnrollment.CERTIFICATE + " in " + dir + ", which is for EAG "
                            + check.subject().id());
        }
        return new EagIdentity(eag, key, cert, KeyId.of(cert.getPublicKey()));
    }

    @Override
    public String toString() {
        return "EAG " + eag + " (key id " + keyId + ")";
    }
}
