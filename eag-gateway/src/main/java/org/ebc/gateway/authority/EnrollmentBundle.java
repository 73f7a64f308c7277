package org.ebc.gateway.authority;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.units.EagId;

/**
 * What a freshly flashed meter needs to enroll itself ({@code authority bundle}): one directory for every
 * card of a site (copied to the card's boot partition, e.g. {@code /boot/firmware/ebc/}), so that enrolling
 * a fleet is one copy per card and one approval per meter, not five copy steps per meter:
 *
 * <pre>
 * ca.crt                  the authority's root: the meter trusts only certificates that chain to it
 * enroll.properties       enroll.url and enroll.token (the enrollment service), authority.fingerprint
 * meter-agent.properties  settings applied to /etc/ebc/meter-agent.properties (eag.id, broker.url); add the
 *                         site's meter settings here (platform, meter.type, …) and every card gets them
 * </pre>
 *
 * The meter's keys are made on the meter ({@code meter-agent enroll --bundle}); nothing in the bundle is a key.
 */
public final class EnrollmentBundle {
    public static final String ENROLL = "enroll.properties";
    public static final String AGENT_SETTINGS = "meter-agent.properties";

    private EnrollmentBundle() {}

    /** Writes the bundle into {@code out} (created if missing; existing bundle files are replaced). */
    public static void write(CertificateAuthority ca, Path out, EagId eag, String brokerUrl, URI enrollUrl) {
        String token = new EnrollmentRequests(ca.directory()).token();
        try {
            Files.createDirectories(out);
            Pem.writePublic(out.resolve("ca.crt"), ca.root());
            Files.writeString(
                    out.resolve(ENROLL),
                    """
                    # ebc enrollment bundle of authority '%s' (written by `eag-gateway authority bundle`).
                    # Read by `meter-agent enroll --bundle` on every meter flashed with it.
                    # The authority's enrollment service (eag-gateway authority serve) and the site's token.
                    enroll.url = %s
                    enroll.token = %s
                    # The SHA-256 fingerprint of ca.crt, to compare with what `authority init` printed.
                    authority.fingerprint = %s
                    """.formatted(ca.registry().authorityName(), enrollUrl, token, Fingerprint.of(ca.root())),
                    StandardCharsets.UTF_8);
            Files.writeString(out.resolve(AGENT_SETTINGS), """
                    # Settings applied to /etc/ebc/meter-agent.properties on every meter of this bundle
                    # (`meter-agent configure --from`). Add the site's meter settings below, e.g.
                    # platform = raspberrypi and meter.type = s0; node.id and meter.serial are per meter.
                    eag.id = %s
                    broker.url = %s
                    """.formatted(eag, brokerUrl), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeyFileException(out, "cannot write the bundle: " + e.getMessage(), e);
        }
    }
}
