package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.time.Duration;
import org.ebc.gateway.authority.AuthorityRegistry;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.Fingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority init}: creates the authority's key, root certificate, empty CRL and registry. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Create a new registration authority in DIR.",
            "",
            "Writes a new P-256 key ca.key (mode 0600; it never leaves DIR), the self-signed root certificate ca.crt, "
                    + "an empty signed crl.pem and an empty registry.json. DIR is created with mode 0700 if missing; an "
                    + "existing DIR must not be readable or writable by group or others. Refuses a DIR that already holds an authority.",
            "",
            "With --group (e.g. ebc-eag), DIR becomes mode 0710 with that group and every file but ca.key readable by it: a "
                    + "gateway on this machine then follows the authority live (authority.dir in its configuration)."
        })
final class AuthorityInitCommand extends AuthorityAction {

    @Option(
            names = "--name",
            required = true,
            paramLabel = "NAME",
            description = "The authority's name, written as the root certificate's CN (1-64 characters).")
    String name;

    @Option(
            names = "--valid-days",
            paramLabel = "N",
            defaultValue = "3650",
            description = "How long the root certificate is valid, in days (default: ${DEFAULT-VALUE}). "
                    + "No certificate it issues can outlive it.")
    int validDays;

    @Option(
            names = "--group",
            paramLabel = "GROUP",
            description =
                    "A group that may read the public files (ca.crt, crl.pem, registry.json, issued/), e.g. ebc-eag.")
    String group;

    @Override
    int execute(PrintWriter out) {
        CertificateAuthority ca = CertificateAuthority.init(
                dir,
                name,
                Duration.ofDays(positiveDays("--valid-days", validDays)),
                clock,
                java.util.Optional.ofNullable(group));
        AuthorityRegistry reg = ca.registry();
        out.println("Created registration authority '" + reg.authorityName() + "' in " + dir);
        out.printf("  %-12s %s (mode 0600; never copy it off this machine)%n", "ca.key", dir.resolve("ca.key"));
        out.printf("  %-12s %s%n", "ca.crt", dir.resolve("ca.crt"));
        out.printf(
                "  %-12s %s (no revocations, next update %s)%n",
                "crl.pem", dir.resolve("crl.pem"), reg.crl().getNextUpdate().toInstant());
        out.printf("  %-12s %s%n", "registry", dir.resolve("registry.json"));
        out.printf(
                "  %-12s %s until %s%n",
                "valid",
                ca.root().getNotBefore().toInstant(),
                ca.root().getNotAfter().toInstant());
        out.printf("  %-12s SHA-256 %s%n", "fingerprint", Fingerprint.of(ca.root()));
        if (group != null) {
            out.printf("  %-12s %s may read everything but ca.key%n", "shared", group);
        }
        out.println(
                "Give ca.crt to every gateway and meter: they trust what it signs. Check its fingerprint when you install it.");
        return 0;
    }
}
