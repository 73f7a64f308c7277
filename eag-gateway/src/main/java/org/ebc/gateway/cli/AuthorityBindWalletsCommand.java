package org.ebc.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.ebc.crypto.KeyFileException;
import org.ebc.gateway.authority.BindingOutcome;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.WalletBinding;
import org.ebc.units.EagId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority bind-wallets}: records a node's ω wallet addresses from its signed request. */
@Command(
        name = "bind-wallets",
        mixinStandardHelpOptions = true,
        description = {
            "Bind a node's wallet addresses to it, from the wallets.req that `meter-agent enroll` wrote.",
            "",
            "The request is a wallet-binding envelope signed with the node key, in which each wallet key proves that it "
                    + "belongs to the node. The signer must hold a valid node certificate from this authority (run enroll-node "
                    + "first; expired or revoked nodes are refused). Refuses addresses bound to another node, and a node that "
                    + "already has other wallets unless --replace (with a newer request). The same request twice changes nothing."
        })
final class AuthorityBindWalletsCommand extends AuthorityAction {
    /** Far above any real request (16 wallets are about 6 KiB); stops a wrong file from being read whole. */
    private static final long MAX_REQUEST_BYTES = 256 * 1024;

    @Option(names = "--request", required = true, paramLabel = "FILE", description = "The node's wallets.req.")
    Path request;

    @Option(names = "--replace", description = "Replace the node's existing wallet binding with a newer request.")
    boolean replace;

    @Option(
            names = "--home",
            paramLabel = "EAG",
            description = "The EAG where the node is at home, the only one that admits its spends (default: its home "
                    + "so far, or this authority's only EAG).")
    String home;

    @Override
    Path inputFile() {
        return request;
    }

    @Override
    int execute(PrintWriter out) {
        if (home != null && !EagId.isValid(home)) {
            throw usage("--home '" + home + "' is not an EAG id");
        }
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        BindingOutcome outcome = ca.bindWallets(read(request), replace, home == null ? null : EagId.of(home));
        WalletBinding b = outcome.binding();
        out.println((outcome.changed() ? "Bound " : "Already bound, nothing changed: ")
                + b.wallets().size() + " wallet address" + (b.wallets().size() == 1 ? "" : "es") + " to node "
                + b.node());
        for (int i = 0; i < b.wallets().size(); i++) {
            out.printf("  %2d  %s%n", i + 1, b.wallets().get(i).address());
        }
        out.println("  requested at " + b.requestedAt() + ", recorded at " + b.boundAt());
        out.println("  home EAG: " + HomeReport.of(ca, b.node()));
        if (!outcome.released().isEmpty()) {
            out.println("  no longer bound to " + b.node() + ": " + outcome.released());
        }
        return 0;
    }

    private static byte[] read(Path file) {
        try {
            if (Files.size(file) > MAX_REQUEST_BYTES) {
                throw new KeyFileException(
                        file, "larger than " + MAX_REQUEST_BYTES + " bytes; not a wallet-binding request");
            }
            byte[] raw = Files.readAllBytes(file);
            // An editor or a copy may add a line end after the signature section; the signature never covers it.
            int end = raw.length;
            while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
                end--;
            }
            return Arrays.copyOf(raw, end);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file, "file does not exist");
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
