package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.ebc.crypto.Pem;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.IssuedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority enroll-node}: certifies a meter node from the CSR {@code meter-agent enroll} wrote. */
@Command(
        name = "enroll-node",
        mixinStandardHelpOptions = true,
        description = {
            "Issue a node (meter) certificate from the node.csr that `meter-agent enroll` wrote.",
            "",
            "The certificate binds the node id the CSR asks for (CN), the owner's true identity given here by the operator "
                    + "(UID; anything the CSR says about identity is ignored) and the meter serial (SERIALNUMBER). Checks the "
                    + "CSR's signature (proof that the meter holds the key) and its P-256 key. Refuses a node id that already has "
                    + "a valid certificate unless --replace (the old one is then revoked), a meter serial bound to another node's "
                    + "valid certificate, and a key certified for another id. Writes DIR/issued/<id>.crt and DIR/issued/ca.crt "
                    + "and prints what to copy back to the meter."
        })
final class AuthorityEnrollNodeCommand extends AuthorityAction {

    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The meter's node.csr (PEM PKCS#10).")
    Path csr;

    @Option(
            names = "--identity",
            required = true,
            paramLabel = "TRUE IDENTITY",
            description =
                    "The owner's true identity ID_i as the operator verified it (1-128 characters), e.g. \"Alice Example, Mill Lane 3\".")
    String identity;

    @Option(
            names = "--meter-serial",
            paramLabel = "SERIAL",
            description =
                    "The serial read off the meter's nameplate; refused if the CSR names another. Without it, the CSR's serial is used.")
    String meterSerial;

    @Option(
            names = "--valid-days",
            paramLabel = "N",
            description =
                    "Validity in days; refused if it would outlive the authority's certificate. Default: 730, or until the authority's certificate ends if that is sooner.")
    Integer validDays;

    @Option(
            names = "--replace",
            description = "Replace a valid certificate for the same node id and revoke it (reason: superseded).")
    boolean replace;

    @Override
    Path inputFile() {
        return csr;
    }

    @Override
    int execute(PrintWriter out) {
        Duration validity = validDays == null ? null : Duration.ofDays(positiveDays("--valid-days", validDays));
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        IssuedCertificate issued = ca.enrollNode(Pem.readCsr(csr), identity, meterSerial, validity, replace);
        out.print(issued.summary());
        out.println("Then bind its wallets: eag-gateway authority bind-wallets --dir " + dir
                + " --request <the meter's wallets.req>");
        return 0;
    }
}
