package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ebc.crypto.Pem;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.HandBack;
import org.ebc.gateway.authority.IssuedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority issue-eag}: certifies a gateway from the CSR {@code eag-gateway enroll} wrote. */
@Command(
        name = "issue-eag",
        mixinStandardHelpOptions = true,
        description = {
            "Issue an EAG (gateway) certificate from the CSR that `eag-gateway enroll` wrote.",
            "",
            "Checks the CSR's signature (proof that the gateway holds the key), that the key is P-256 and that the subject "
                    + "is an EAG. Writes DIR/issued/<id>.crt and DIR/issued/ca.crt and prints what to copy back to the gateway. "
                    + "Refuses an id that already has a valid certificate unless --replace is given (the old one is then revoked), "
                    + "and a key already certified for another id."
        })
final class AuthorityIssueEagCommand extends AuthorityAction {

    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The gateway's eag.csr (PEM PKCS#10).")
    Path csr;

    @Option(
            names = "--valid-days",
            paramLabel = "N",
            description =
                    "Validity in days; refused if it would outlive the authority's certificate. Default: 730, or until the authority's certificate ends if that is sooner.")
    Integer validDays;

    @Option(
            names = "--replace",
            description = "Replace a valid certificate for the same id and revoke it (reason: superseded).")
    boolean replace;

    @Option(
            names = "--host",
            paramLabel = "NAME",
            arity = "1",
            description =
                    "A DNS name or IP address under which this gateway (or the site's Mosquitto, using this certificate as "
                            + "its server certificate) is reached over TLS; written as subjectAltName, which MQTT clients check "
                            + "against the host they connect to. Repeat for several.")
    List<String> hosts = new ArrayList<>();

    @Option(
            names = "--install",
            paramLabel = "KEYDIR",
            description =
                    "Also write the certificate as KEYDIR/eag.crt, the root as KEYDIR/ca.crt and the CRL as KEYDIR/crl.pem (the gateway's key "
                            + "directory on this machine), owned like KEYDIR.")
    Path install;

    @Override
    Path inputFile() {
        return csr;
    }

    @Override
    int execute(PrintWriter out) {
        Duration validity = validDays == null ? null : Duration.ofDays(positiveDays("--valid-days", validDays));
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        IssuedCertificate issued = ca.issueEag(Pem.readCsr(csr), validity, replace, hosts);
        out.print(issued.summary());
        if (install != null) {
            out.println("Installed "
                    + HandBack.install(issued, ca.root(), ca.registry().crl(), install) + ", "
                    + install.resolve("ca.crt") + " and " + install.resolve("crl.pem"));
        }
        out.println("A site Mosquitto learns of this EAG with: eag-gateway authority mosquitto --dir " + dir
                + " --out /etc/mosquitto/ebc");
        return 0;
    }
}
