package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.EnrollmentBundle;
import org.ebc.units.EagId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority bundle}: the directory a meter's card carries to enroll itself. */
@Command(
        name = "bundle",
        mixinStandardHelpOptions = true,
        description = {
            "Write an enrollment bundle for the meters of one EAG into OUT: ca.crt, enroll.properties (the enrollment "
                    + "service's URL and the site's token) and meter-agent.properties (eag.id, broker.url; add the site's "
                    + "meter settings there).",
            "",
            "Copy OUT to each meter's card (e.g. /boot/firmware/ebc/). At first boot the card runs "
                    + "/usr/share/ebc-meter-agent/provision, which makes the keys on the meter, sends the requests to "
                    + "`authority serve` and waits; `authority approve` issues the certificate; the meter fetches it and starts."
        })
final class AuthorityBundleCommand extends AuthorityAction {

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Where to write the bundle.")
    Path bundle;

    @Option(names = "--eag-id", required = true, paramLabel = "ID", description = "The EAG these meters deliver to.")
    String eagId;

    @Option(
            names = "--broker-url",
            required = true,
            paramLabel = "URL",
            description = "The broker the meters connect to, e.g. ssl://gateway.local:8883.")
    String brokerUrl;

    @Option(
            names = "--enroll-url",
            required = true,
            paramLabel = "URL",
            description = "Where meters reach `authority serve`, e.g. http://gateway.local:8884.")
    String enrollUrl;

    @Override
    int execute(PrintWriter out) {
        if (!EagId.isValid(eagId)) {
            throw usage("--eag-id '" + eagId + "' is not an EAG id");
        }
        if (!brokerUrl.startsWith("ssl://") && !brokerUrl.startsWith("tcp://")) {
            throw usage("--broker-url must be ssl://host:port (or tcp://host:port), not '" + brokerUrl + "'");
        }
        URI enroll;
        try {
            enroll = new URI(enrollUrl);
        } catch (URISyntaxException e) {
            throw usage("--enroll-url '" + enrollUrl + "' is not a URL");
        }
        if (!"http".equals(enroll.getScheme()) || enroll.getHost() == null) {
            throw usage("--enroll-url must be http://host:port, not '" + enrollUrl + "'");
        }
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        EnrollmentBundle.write(ca, bundle, EagId.of(eagId), brokerUrl, enroll);
        out.println("Wrote the enrollment bundle for EAG " + eagId + " to " + bundle + " (ca.crt, "
                + EnrollmentBundle.ENROLL + ", " + EnrollmentBundle.AGENT_SETTINGS + ").");
        out.println("Serve the requests: eag-gateway authority serve --dir " + dir + " --listen " + enroll.getHost()
                + ":" + (enroll.getPort() < 0 ? 80 : enroll.getPort()));
        return 0;
    }
}
