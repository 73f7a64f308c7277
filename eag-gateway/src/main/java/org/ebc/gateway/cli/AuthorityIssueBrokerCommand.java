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

/** {@code authority issue-broker}: certifies a site Mosquitto from the CSR {@code eag-gateway enroll-broker} wrote. */
@Command(
        name = "issue-broker",
        mixinStandardHelpOptions = true,
        description = {
            "Issue a broker (site Mosquitto) TLS server certificate from the CSR that `eag-gateway enroll-broker` wrote.",
            "",
            "The certificate is for TLS server authentication only: it can never log in to a broker as a client, and the "
                    + "broker has a key of its own, so no EAG key has to leave its gateway. Writes DIR/issued/<name>.crt; "
                    + "`authority mosquitto --out` puts it, ca.crt, crl.pem and the ACL where Mosquitto reads them."
        })
final class AuthorityIssueBrokerCommand extends AuthorityAction {

    @Option(
            names = "--csr",
            required = true,
            paramLabel = "FILE",
            description = "The broker's broker.csr (PEM PKCS#10).")
    Path csr;

    @Option(
            names = "--host",
            required = true,
            paramLabel = "NAME",
            arity = "1",
            description =
                    "A DNS name or IP address clients connect to (subjectAltName, which they check). Repeat for several.")
    List<String> hosts = new ArrayList<>();

    @Option(
            names = "--valid-days",
            paramLabel = "N",
            description =
                    "Validity in days. Default: 730, or until the authority's certificate ends if that is sooner.")
    Integer validDays;

    @Option(names = "--replace", description = "Replace a valid certificate for the same name and revoke it.")
    boolean replace;

    @Option(
            names = "--install",
            paramLabel = "KEYDIR",
            description =
                    "Also write the certificate as KEYDIR/broker.crt, the root as KEYDIR/ca.crt and the CRL as KEYDIR/crl.pem (the broker's "
                            + "directory on this machine, e.g. /etc/mosquitto/ebc), owned like KEYDIR.")
    Path install;

    @Override
    Path inputFile() {
        return csr;
    }

    @Override
    int execute(PrintWriter out) {
        Duration validity = validDays == null ? null : Duration.ofDays(positiveDays("--valid-days", validDays));
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        IssuedCertificate issued = ca.issueBroker(Pem.readCsr(csr), validity, replace, hosts);
        out.print(issued.summary());
        if (install != null) {
            out.println("Installed "
                    + HandBack.install(issued, ca.root(), ca.registry().crl(), install) + ", "
                    + install.resolve("ca.crt") + " and " + install.resolve("crl.pem"));
        }
        out.println("Then: eag-gateway authority mosquitto --dir " + dir + " --out <the broker's directory>");
        return 0;
    }
}
