package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.KeyDirectory;
import org.ebc.gateway.authority.AuthorityRegistry;
import org.ebc.gateway.authority.CrlInfo;
import org.ebc.gateway.authority.Fingerprint;
import org.ebc.gateway.authority.IssuedEntry;
import org.ebc.gateway.authority.WalletBinding;
import org.ebc.units.NodeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority list}: a table of everything the authority issued. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "Show the authority's root, CRL and every certificate it issued.",
            "",
            "One row per certificate ever issued (replaced, expired and revoked ones included): role, id, serial, meter "
                    + "serial, valid until, revocation, number of bound wallets. Reads ca.crt, crl.pem and registry.json; "
                    + "needs no private key."
        })
final class AuthorityListCommand extends AuthorityAction {
    /** Warn this long before the CRL's next-update date, when TLS stacks start to refuse it. */
    private static final Duration CRL_WARNING = Duration.ofDays(14);

    @Option(names = "--addresses", description = "Also print every node's bound wallet addresses.")
    boolean addresses;

    @Override
    int execute(PrintWriter out) {
        KeyDirectory.requireOwnerOnly(dir);
        AuthorityRegistry reg = AuthorityRegistry.load(dir);
        Instant now = clock.instant();
        out.println("Authority '" + reg.authorityName() + "' in " + dir);
        out.println("  root      serial " + reg.root().getSerialNumber().toString(16) + ", valid until "
                + reg.root().getNotAfter().toInstant()
                + (now.isAfter(reg.root().getNotAfter().toInstant()) ? " (EXPIRED)" : "") + ", SHA-256 "
                + Fingerprint.of(reg.root()));
        CrlInfo crl = CrlInfo.of(reg);
        String due = crl.nextUpdate() == null
                ? "no next update"
                : "next update " + crl.nextUpdate()
                        + (now.isAfter(crl.nextUpdate())
                                ? " (OVERDUE: run `authority crl`)"
                                : now.plus(CRL_WARNING).isAfter(crl.nextUpdate())
                                        ? " (soon: run `authority crl`)"
                                        : "");
        out.println("  crl       #" + crl.number() + ", " + crl.revoked() + " revoked, " + due);
        out.println(
                "  issued    " + reg.eags().size() + " EAG and " + reg.nodes().size() + " node certificates, "
                        + reg.walletBindings().size() + " wallet bindings");
        if (reg.certificates().isEmpty()) {
            out.println("No certificates issued yet.");
            return 0;
        }
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ROLE", "ID", "SERIAL", "METER", "VALID UNTIL", "REVOKED", "WALLETS"});
        for (IssuedEntry e : reg.certificates()) {
            rows.add(new String[] {
                e.role().ou(),
                e.id(),
                e.serialHex(),
                e.meterSerial() == null ? "-" : e.meterSerial(),
                e.notAfter() + (now.isAfter(e.notAfter()) ? " (expired)" : ""),
                revoked(reg, e),
                wallets(reg, e)
            });
        }
        printTable(out, rows);
        if (addresses) {
            out.println();
            for (WalletBinding b : reg.walletBindings()) {
                out.println(b.node() + " (bound " + b.boundAt() + ", home EAG "
                        + reg.homeOf(b.node()).map(h -> h.value()).orElse("none") + "):");
                for (WalletBinding.Wallet w : b.wallets()) {
                    out.println("  " + w.address());
                }
            }
        }
        return 0;
    }

    private static String revoked(AuthorityRegistry reg, IssuedEntry e) {
        if (e.isRevoked()) {
            return e.revocation().at() + " " + e.revocation().reason().label();
        }
        // Signed into the CRL, but the registry write did not happen (a crash in between).
        return reg.isRevoked(e) ? "in crl.pem only" : "no";
    }

    private static String wallets(AuthorityRegistry reg, IssuedEntry e) {
        if (e.role() != CertificateRole.NODE) {
            return "-";
        }
        Optional<WalletBinding> b = reg.walletsOf(NodeId.of(e.id()));
        return b.map(w -> Integer.toString(w.wallets().size())).orElse("0");
    }

    private static void printTable(PrintWriter out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                b.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
