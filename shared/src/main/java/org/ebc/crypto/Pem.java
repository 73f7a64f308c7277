package org.ebc.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM files for keys, certificates, CSRs and CRLs. Private keys are written as PKCS#8 with mode 0600,
 * created with that mode (never world-readable for an instant), and refused on reading when group or
 * others may read them (the way ssh refuses an open private key). What root writes into a service's
 * directory is given to that directory's owner ({@link DirectoryOwner}).
 */
public final class Pem {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private Pem() {}

    public static String encode(Object object) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed", e);
        }
        return w.toString();
    }

    /** Writes a private key with mode 0600; refuses to overwrite an existing key. */
    public static void writePrivateKey(Path file, PrivateKey key) {
        // A PemObject, not the PrivateKeyInfo itself: BC's PEM writer would turn an EC PrivateKeyInfo into
        // SEC1 "EC PRIVATE KEY", which is not the PKCS#8 this class promises (and other tools expect).
        byte[] pkcs8 = key.getEncoded();
        PrivateKeyInfo.getInstance(pkcs8); // refuses anything that is not PKCS#8 DER before a file is created
        String pem = encode(new PemObject("PRIVATE KEY", pkcs8));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (supportsPosix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            DirectoryOwner.adopt(file);
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file, "a key already exists there; refusing to overwrite it");
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot write private key: " + e.getMessage(), e);
        }
    }

    /** Writes a public object (certificate, CSR, CRL, public key), replacing the file atomically. */
    public static void writePublic(Path file, Object object) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, encode(object), StandardCharsets.US_ASCII);
            DirectoryOwner.adopt(tmp);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot write: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) {
        if (supportsPosix(file) && Files.exists(file)) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                Set<PosixFilePermission> open = EnumSet.copyOf(perms);
                open.removeAll(OWNER_ONLY);
                open.remove(PosixFilePermission.OWNER_EXECUTE);
                if (!open.isEmpty()) {
                    throw new KeyFileException(
                            file,
                            "permissions " + PosixFilePermissions.toString(perms)
                                    + " are too open for a private key; run: chmod 600 " + file);
                }
            } catch (IOException e) {
                throw new KeyFileException(file, "cannot read permissions: " + e.getMessage(), e);
            }
        }
        Object o = firstKeyObject(file);
        try {
            if (o instanceof PrivateKeyInfo info) {
                return ProviderObjects.privateKey(info);
            }
            if (o instanceof org.bouncycastle.openssl.PEMKeyPair kp) {
                return ProviderObjects.privateKey(kp.getPrivateKeyInfo());
            }
        } catch (IOException e) {
            throw new KeyFileException(file, "not a usable private key: " + e.getMessage(), e);
        }
        throw new KeyFileException(file, "not a private key (found " + describe(o) + ")");
    }

    public static PublicKey readPublicKey(Path file) {
        Object o = readSingle(file);
        if (o instanceof SubjectPublicKeyInfo spki) {
            return toPublicKey(file, spki);
        }
        if (o instanceof X509CertificateHolder h) {
            return toPublicKey(file, h.getSubjectPublicKeyInfo());
        }
        throw new KeyFileException(file, "not a public key (found " + describe(o) + ")");
    }

    public static X509Certificate readCertificate(Path file) {
        List<X509Certificate> all = readCertificates(file);
        if (all.size() != 1) {
            throw new KeyFileException(file, "expected exactly one certificate, found " + all.size());
        }
        return all.get(0);
    }

    /** All certificates in a PEM file, in file order (a chain: leaf first). */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        for (Object o : readAll(file)) {
            if (!(o instanceof X509CertificateHolder h)) {
                throw new KeyFileException(file, "not a certificate (found " + describe(o) + ")");
            }
            out.add(toCertificate(file, h));
        }
        if (out.isEmpty()) {
            throw new KeyFileException(file, "no certificate in file");
        }
        return out;
    }

    public static PKCS10CertificationRequest readCsr(Path file) {
        Object o = readSingle(file);
        if (o instanceof PKCS10CertificationRequest csr) {
            return csr;
        }
        throw new KeyFileException(file, "not a certificate signing request (found " + describe(o) + ")");
    }

    public static X509CRL readCrl(Path file) {
        Object o = readSingle(file);
        if (o instanceof X509CRLHolder h) {
            try {
                return ProviderObjects.crl(h);
            } catch (java.security.cert.CRLException | IOException e) {
                throw new KeyFileException(file, "unusable CRL: " + e.getMessage(), e);
            }
        }
        throw new KeyFileException(file, "not a certificate revocation list (found " + describe(o) + ")");
    }

    /**
     * Parses a certificate chain from PEM text that came from outside (for example an MQTT message).
     * Never throws: empty means "not a certificate chain".
     */
    public static Optional<List<X509Certificate>> parseCertificates(String text) {
        if (text == null || text.length() > 64 * 1024) {
            return Optional.empty();
        }
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (!(o instanceof X509CertificateHolder h)) {
                    return Optional.empty();
                }
                out.add(ProviderObjects.certificate(h));
                if (out.size() > 4) {
                    return Optional.empty();
                }
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static PublicKey toPublicKey(Path file, SubjectPublicKeyInfo spki) {
        try {
            return ProviderObjects.publicKey(spki);
        } catch (IOException e) {
            throw new KeyFileException(file, "not a usable public key: " + e.getMessage(), e);
        }
    }

    private static X509Certificate toCertificate(Path file, X509CertificateHolder h) {
        try {
            return ProviderObjects.certificate(h);
        } catch (java.security.cert.CertificateException | IOException e) {
            throw new KeyFileException(file, "unusable certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The first object that is not a bare EC PARAMETERS block: {@code openssl ecparam -genkey} writes the
     * curve's parameters before the key, and they say nothing the key itself does not.
     */
    private static Object firstKeyObject(Path file) {
        List<Object> all = readAll(file);
        for (Object o : all) {
            if (!(o instanceof ASN1ObjectIdentifier) && !(o instanceof X9ECParameters)) {
                return o;
            }
        }
        throw new KeyFileException(
                file, all.isEmpty() ? "no PEM object in file" : "not a private key (found only EC parameters)");
    }

    private static Object readSingle(Path file) {
        List<Object> all = readAll(file);
        if (all.isEmpty()) {
            throw new KeyFileException(file, "no PEM object in file");
        }
        return all.get(0);
    }

    private static List<Object> readAll(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file, "file does not exist");
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot read: " + e.getMessage(), e);
        }
        List<Object> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = p.readObject()) != null) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException(file, "not valid PEM: " + e.getMessage(), e);
        }
        return out;
    }

    private static String describe(Object o) {
        if (o instanceof X509CertificateHolder) {
            return "a certificate";
        }
        if (o instanceof PKCS10CertificationRequest) {
            return "a certificate signing request";
        }
        if (o instanceof PrivateKeyInfo || o instanceof org.bouncycastle.openssl.PEMKeyPair) {
            return "a private key";
        }
        if (o instanceof SubjectPublicKeyInfo) {
            return "a public key";
        }
        if (o instanceof X509CRLHolder) {
            return "a revocation list";
        }
        return o == null ? "nothing" : o.getClass().getSimpleName();
    }

    private static boolean supportsPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
