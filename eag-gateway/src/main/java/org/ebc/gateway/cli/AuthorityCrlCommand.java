package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.time.Duration;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.CrlInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority crl}: signs the revocation list again before it goes stale. */
@Command(
        name = "crl",
        mixinStandardHelpOptions = true,
        description = {
            "Sign the CRL again with a fresh next-update date.",
            "",
            "Writes DIR/crl.pem with the same revocations and a higher CRL number. TLS stacks such as OpenSSL (used by "
                    + "Mosquitto) refuse every client once a CRL's next-update date has passed: run this before then "
                    + "(`list` shows the date) and copy the new crl.pem out."
        })
final class AuthorityCrlCommand extends AuthorityAction {

    @Option(
            names = "--next-update-days",
            paramLabel = "N",
            defaultValue = "90",
            description = "Days until the next update is due (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    int execute(PrintWriter out) {
        Duration nextUpdate = Duration.ofDays(positiveDays("--next-update-days", days));
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        ca.refreshCrl(nextUpdate);
        CrlInfo crl = CrlInfo.of(ca.registry());
        out.println("Signed " + dir.resolve("crl.pem") + ": CRL #" + crl.number() + ", " + crl.revoked()
                + " revoked, next update " + crl.nextUpdate());
        return 0;
    }
}
