package org.ebc.gateway.authority;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebc.crypto.KeyFileException;
import org.ebc.units.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * The operator's approval of queued enrollment requests ({@code authority approve}): each approval issues the
 * node certificate (with the true identity the operator vouches for and, if given, the meter serial read off
 * the nameplate, which must equal the request's) and binds the wallets, then drops the request. A roster file
 * approves many meters at once. Stateless apart from the authority it changes.
 */
public final class EnrollmentApproval {
    private EnrollmentApproval() {}

    /** One meter the operator vouches for: {@code node-id,meter-serial,true identity} in a roster file. */
    public record Vouched(NodeId node, String meterSerial, String trueIdentity) {}

    /** What approving one request did. */
    public record Approved(IssuedCertificate certificate, BindingOutcome wallets) {}

    /** Approves the node's queued request. @throws AuthorityRefusal as enroll-node and bind-wallets refuse */
    public static Approved approve(CertificateAuthority ca, Vouched v) {
        return approve(ca, v, null);
    }

    /** Approves the node's queued request and makes {@code home} its home EAG (null: as {@code bind-wallets}). */
    public static Approved approve(CertificateAuthority ca, Vouched v, org.ebc.units.@Nullable EagId home) {
        EnrollmentRequests queue = new EnrollmentRequests(ca.directory());
        EnrollmentRequests.Request r = queue.read(v.node());
        IssuedCertificate cert = ca.enrollNode(r.csr(), v.trueIdentity(), v.meterSerial(), null, false);
        BindingOutcome wallets = ca.bindWallets(r.walletsRequest(), false, home);
        queue.remove(v.node());
        return new Approved(cert, wallets);
    }

    /**
     * Reads a roster: one meter per line, {@code node-id,meter-serial,true identity} (the identity is the rest
     * of the line and may contain commas); blank lines and lines starting with # are skipped.
     */
    public static Map<NodeId, Vouched> roster(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot read the roster: " + e.getMessage(), e);
        }
        Map<NodeId, Vouched> out = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(",", 3);
            if (f.length != 3 || !NodeId.isValid(f[0].strip()) || f[2].isBlank()) {
                bad.add("line " + (i + 1));
                continue;
            }
            NodeId node = NodeId.of(f[0].strip());
            String serial = f[1].strip();
            out.put(node, new Vouched(node, serial.isEmpty() ? null : serial, f[2].strip()));
        }
        if (!bad.isEmpty()) {
            throw new AuthorityRefusal(
                    RefusalReason.BAD_NAME, file + ": " + bad + " are not 'node-id,meter-serial,true identity'");
        }
        return out;
    }
}
