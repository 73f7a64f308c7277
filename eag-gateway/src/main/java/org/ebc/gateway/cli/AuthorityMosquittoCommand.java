package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.MosquittoFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority mosquitto}: writes what a site Mosquitto needs from the authority. */
@Command(
        name = "mosquitto",
        mixinStandardHelpOptions = true,
        description = {
            "Write the files a site Mosquitto reads (ebc.conf names them) into OUT, e.g. /etc/mosquitto/ebc:",
            "  ca.crt      the authority's root, the only CA whose client certificates Mosquitto accepts",
            "  crl.pem     the current revocation list",
            "  ebc.acl     the access control list, with a section for every EAG certified here and not revoked (mode 0600)",
            "  broker.crt  the newest valid broker certificate (authority issue-broker), if there is one",
            "",
            "Files written by root into OUT take OUT's owner and group (make OUT mosquitto's, mode 0700). Run it again after "
                    + "every issue-eag, revoke or crl (a weekly cron job with `authority crl` keeps the CRL fresh), then "
                    + "`systemctl reload mosquitto`."
        })
final class AuthorityMosquittoCommand extends AuthorityAction {

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Mosquitto's ebc directory.")
    Path outDir;

    @Option(
            names = "--broker",
            paramLabel = "NAME",
            description = "Which broker certificate to write (default: the newest valid one).")
    String broker;

    @Override
    int execute(PrintWriter out) {
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        MosquittoFiles f = MosquittoFiles.write(ca.registry(), outDir, Optional.ofNullable(broker), clock.instant());
        out.println("Wrote " + outDir.resolve("ca.crt") + ", " + outDir.resolve("crl.pem") + " and "
                + outDir.resolve("ebc.acl") + " (EAGs: " + (f.eags().isEmpty() ? "none yet" : f.eags()) + ")");
        out.println(f.broker()
                .map(b -> "Wrote " + outDir.resolve("broker.crt") + " (broker " + b.id() + ", valid until "
                        + b.notAfter() + ")")
                .orElse("No broker certificate yet: eag-gateway authority issue-broker --dir " + dir
                        + " --csr … --host …"));
        out.println("Then: systemctl reload mosquitto");
        return 0;
    }
}
