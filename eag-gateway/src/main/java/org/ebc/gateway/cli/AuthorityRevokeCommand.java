package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import org.ebc.gateway.authority.AuthorityRegistry;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.CrlInfo;
import org.ebc.gateway.authority.IssuedEntry;
import org.ebc.gateway.authority.RegistrationsFile;
import org.ebc.gateway.authority.RevocationReason;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority revoke}: revokes certificates and signs a new CRL. */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = {
            "Revoke a certificate and sign a new CRL.",
            "",
            "Writes DIR/crl.pem with a higher CRL number. --id revokes every certificate for that EAG or node id that is "
                    + "neither revoked nor expired; --serial revokes exactly one. Copy the new crl.pem to every gateway and "
                    + "broker: a revocation takes effect where the CRL is."
        })
final class AuthorityRevokeCommand extends AuthorityAction {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--id", required = true, paramLabel = "ID", description = "The EAG or node id.")
        String id;

        @Option(
                names = "--serial",
                required = true,
                paramLabel = "HEX",
                description = "The certificate's serial number in hex (as `list` shows it).")
        String serial;
    }

    @Option(
            names = "--reason",
            paramLabel = "REASON",
            defaultValue = "unspecified",
            description =
                    "Why: unspecified, key-compromise, superseded, cessation-of-operation or affiliation-changed (default: ${DEFAULT-VALUE}). "
                            + "A key revoked as key-compromise is never certified again.")
    String reason;

    @Override
    int execute(PrintWriter out) {
        RevocationReason why = RevocationReason.parse(reason)
                .orElseThrow(() -> usage("Invalid value for option '--reason': '" + reason + "' is not one of "
                        + RevocationReason.labels()));
        BigInteger serial = target.serial == null ? null : parseSerial(target.serial);
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        List<IssuedEntry> revoked = serial == null ? ca.revoke(target.id, why) : List.of(ca.revoke(serial, why));
        AuthorityRegistry reg = ca.registry();
        for (IssuedEntry e : revoked) {
            out.println(
                    "Revoked " + e.role().ou() + " " + e.id() + " serial " + e.serialHex() + " (" + why.label() + ")");
        }
        CrlInfo crl = CrlInfo.of(reg);
        out.println("Signed " + dir.resolve("crl.pem") + ": CRL #" + crl.number() + ", " + crl.revoked()
                + " revoked, next update " + crl.nextUpdate());
        out.println("Copy it to every gateway and broker that checks these certificates.");
        out.println("The consortium's EAGs learn the revocation from " + dir.resolve(RegistrationsFile.NAME)
                + " over the consortium topics (published by the gateway that reads this directory).");
        return 0;
    }

    private BigInteger parseSerial(String text) {
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        try {
            BigInteger v = new BigInteger(t, 16);
            if (v.signum() > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("Invalid value for option '--serial': '" + text + "' is not a positive hex number");
    }
}
