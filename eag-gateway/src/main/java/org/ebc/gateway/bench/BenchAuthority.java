package org.ebc.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.EagEnrollment;
import org.ebc.gateway.authority.EnrolledNode;
import org.ebc.gateway.authority.IssuedCertificate;
import org.ebc.gateway.authority.NodeApplication;
import org.ebc.units.EagId;

/**
 * A bench's registration authority, created fresh in the bench's directory with the same API the
 * {@code eag-gateway authority} commands use, and the steps an operator takes with it: certify the EAG
 * and copy its certificate back into the gateway's key directory; certify all meters in one batch and
 * copy each certificate back into its device's key directory.
 */
public final class BenchAuthority {
    private final CertificateAuthority authority;
    private final Clock clock;

    private BenchAuthority(CertificateAuthority authority, Clock clock) {
        this.authority = authority;
        this.clock = clock;
    }

    /** Creates the authority in {@code dir} (which must not hold one yet). */
    public static BenchAuthority create(Path dir, String name, Clock clock) {
        return new BenchAuthority(
                CertificateAuthority.init(dir, name, CertificateAuthority.DEFAULT_AUTHORITY_VALIDITY, clock), clock);
    }

    public Path directory() {
        return authority.directory();
    }

    /**
     * Enrolls the EAG as {@code eag-gateway enroll} and {@code authority issue-eag} do: key and CSR
     * generated in {@code keysDir}, certificate and root copied back there.
     */
    public void enrollEag(EagId eag, Path keysDir) {
        EagEnrollment.Result r = EagEnrollment.enroll(eag, keysDir);
        IssuedCertificate c = authority.issueEag(Pem.readCsr(r.csr()), null, false);
        copy(c.certificateFile(), keysDir.resolve(EagEnrollment.CERTIFICATE));
        copy(c.authorityFile(), keysDir.resolve("ca.crt"));
    }

    /** Opens the authority in {@code dir} (a second site of one consortium). */
    public static BenchAuthority open(Path dir, Clock clock) {
        return new BenchAuthority(CertificateAuthority.open(dir, clock), clock);
    }

    /** Enrolls every device in one batch and installs each one's certificate in its key directory. */
    public void enrollNodes(List<StandInDevice> devices) {
        enrollNodes(devices, null);
    }

    /** {@link #enrollNodes(List)}, each node at home at {@code home} (null: the authority's only EAG). */
    public void enrollNodes(List<StandInDevice> devices, org.ebc.units.@org.jspecify.annotations.Nullable EagId home) {
        List<NodeApplication> applications = devices.stream()
                .map(d -> d.enroll("bench owner of " + d.node(), clock))
                .toList();
        List<EnrolledNode> enrolled = authority.enrollNodes(applications, home);
        for (int i = 0; i < devices.size(); i++) {
            devices.get(i).install(enrolled.get(i));
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new KeyFileException(to, "cannot copy " + from + ": " + e.getMessage(), e);
        }
    }
}
