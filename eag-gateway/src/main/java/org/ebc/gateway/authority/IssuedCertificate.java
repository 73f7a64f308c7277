package org.ebc.gateway.authority;

import java.nio.file.Path;
import java.util.List;
import org.ebc.crypto.CertificateRole;

/**
 * What issuing a certificate produced.
 *
 * @param entry the new certificate as the registry records it
 * @param certificateFile where its PEM was written ({@code issued/<id>.crt})
 * @param authorityFile the copy of {@code ca.crt} to hand back with it ({@code issued/ca.crt})
 * @param superseded older certificates for the same id that {@code replace} revoked
 */
public record IssuedCertificate(
        IssuedEntry entry, Path certificateFile, Path authorityFile, List<IssuedEntry> superseded) {

    public IssuedCertificate {
        superseded = List.copyOf(superseded);
    }

    /** The file name the device expects its certificate under ({@code node.crt}, {@code eag.crt}, {@code broker.crt}). */
    public String deviceFileName() {
        return switch (entry.role()) {
            case NODE -> "node.crt";
            case BROKER -> "broker.crt";
            default -> "eag.crt";
        };
    }

    /** A human-readable account of what was issued and where it went. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("Issued ").append(label()).append(" certificate\n");
        line(b, "subject", entry.certificate().getSubjectX500Principal().getName());
        line(b, entry.role() == CertificateRole.BROKER ? "broker name" : label() + " id", entry.id());
        if (entry.role() == CertificateRole.NODE) {
            line(b, "true identity", entry.trueIdentity());
            line(b, "meter serial", entry.meterSerial());
        }
        line(b, "serial", entry.serialHex());
        line(b, "valid", entry.notBefore() + " until " + entry.notAfter());
        line(b, "fingerprint", "SHA-256 " + entry.fingerprint());
        line(b, "key id", entry.keyId().hex());
        line(b, "certificate", certificateFile.toString());
        line(b, "CA certificate", authorityFile.toString());
        for (IssuedEntry old : superseded) {
            line(b, "superseded", "serial " + old.serialHex() + " (valid until " + old.notAfter() + ") is now revoked");
        }
        b.append("Hand back to the device: ")
                .append(certificateFile)
                .append(" as ")
                .append(deviceFileName())
                .append(" and ")
                .append(authorityFile)
                .append(" as ca.crt, next to its key.\n");
        return b.toString();
    }

    private String label() {
        return switch (entry.role()) {
            case NODE -> "node";
            case BROKER -> "broker";
            default -> "EAG";
        };
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format("  %-15s %s%n", label, value));
    }
}
