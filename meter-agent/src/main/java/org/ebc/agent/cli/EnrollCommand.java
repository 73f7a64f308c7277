package org.ebc.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.ebc.agent.enroll.CertificateInstallation;
import org.ebc.agent.enroll.NodeEnrollment;
import org.ebc.crypto.KeyFileException;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletBindingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meter-agent enroll}: the node's keys, made on the device, and what to take to the authority. */
@Command(
        name = "enroll",
        mixinStandardHelpOptions = true,
        description = {
            "Create the node key and the wallet keys on this device and write a CSR and a wallet-binding request.",
            "",
            "Writes into KEYDIR: node.key and wallet-1.key … wallet-N.key (P-256 private keys, mode 0600; they never "
                    + "leave KEYDIR), node.csr (for `eag-gateway authority enroll-node`) and wallets.req (the wallet "
                    + "addresses, signed with the node key, for `eag-gateway authority bind-wallets`). KEYDIR is created "
                    + "with mode 0700 if missing and refused if group or others may read or write it. Refuses a KEYDIR that "
                    + "already holds node.key, node.csr, wallets.req or a wallet key.",
            "",
            "After the authority has issued the certificate, copy its issued/<node id>.crt into KEYDIR as node.crt and "
                    + "its issued/ca.crt as ca.crt (and crl.pem, if you have it), then run `meter-agent enroll --check --dir KEYDIR`.",
            "",
            "Exit status: 0 done (or, with --check, installation usable), 1 refused, 2 usage error."
        })
public final class EnrollCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            required = true,
            paramLabel = "KEYDIR",
            description = "The directory for this node's keys and certificates.")
    Path dir;

    @Option(
            names = "--node-id",
            paramLabel = "ID",
            description =
                    "This node's id (1-64 characters of A-Z a-z 0-9 . _ -), as it appears in topics. Required unless --check.")
    String nodeId;

    @Option(
            names = "--meter-serial",
            paramLabel = "SERIAL",
            description = "The serial number on the meter's nameplate (OCMF MS). Required unless --check.")
    String meterSerial;

    @Option(
            names = "--wallets",
            paramLabel = "N",
            defaultValue = "" + NodeEnrollment.DEFAULT_WALLETS,
            description = "How many wallet key pairs (ω) to create, 1-" + WalletBindingRequest.MAX_WALLETS
                    + " (default: ${DEFAULT-VALUE}).")
    int wallets;

    @Option(
            names = "--check",
            description =
                    "Do not create anything: check the node.crt and ca.crt copied back into KEYDIR "
                            + "(issued by that authority, valid now, not revoked by a crl.pem there, certifies node.key, names this node and meter).")
    boolean check;

    /** The clock that dates the wallet-binding request and judges validity; the system clock outside tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return check ? check(out, err) : enroll(out, err);
        } catch (KeyFileException e) {
            err.println("meter-agent enroll: refused: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int enroll(PrintWriter out, PrintWriter err) {
        if (nodeId == null || meterSerial == null) {
            throw new ParameterException(
                    spec.commandLine(), "Missing required options: --node-id and --meter-serial (unless --check)");
        }
        if (wallets < 1 || wallets > WalletBindingRequest.MAX_WALLETS) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Invalid value for option '--wallets': " + wallets + " is not 1-"
                            + WalletBindingRequest.MAX_WALLETS);
        }
        if (!NodeId.isValid(nodeId) || !MeterSerial.isValid(meterSerial)) {
            err.println("meter-agent enroll: refused: "
                    + (!NodeId.isValid(nodeId) ? "node id '" + nodeId : "meter serial '" + meterSerial)
                    + "' is not 1-64 characters of [A-Za-z0-9._-] starting with a letter, digit or underscore");
            return 1;
        }
        NodeEnrollment.Result r =
                NodeEnrollment.enroll(dir, NodeId.of(nodeId), MeterSerial.of(meterSerial), wallets, clock);
        out.println("Created the keys of node " + r.node() + " (meter " + r.meter() + ") in " + dir
                + "; they never leave it (mode 0600):");
        out.printf("  %-12s %s  key id %s%n", "node key", r.nodeKey(), r.nodeKeyId());
        for (int i = 0; i < r.walletKeys().size(); i++) {
            out.printf(
                    "  %-12s %s  address %s%n",
                    "wallet " + (i + 1), r.walletKeys().get(i), r.addresses().get(i));
        }
        out.println("Take to the registration authority (public, safe to copy):");
        out.println("  " + r.csr() + "            eag-gateway authority enroll-node --dir <authority dir> --csr "
                + NodeEnrollment.NODE_CSR + " --identity \"<owner's true identity>\" --meter-serial " + r.meter());
        out.println("  " + r.walletsRequest()
                + "         eag-gateway authority bind-wallets --dir <authority dir> --request "
                + NodeEnrollment.WALLETS_REQUEST + "   (after enroll-node)");
        out.println("Copy back into " + dir + ":");
        out.println(
                "  <authority dir>/issued/" + r.node() + ".crt  as  " + dir.resolve(NodeEnrollment.NODE_CERTIFICATE));
        out.println("  <authority dir>/issued/ca.crt  as  " + dir.resolve(NodeEnrollment.CA_CERTIFICATE));
        out.println("Then check them: meter-agent enroll --check --dir " + dir);
        return 0;
    }

    private int check(PrintWriter out, PrintWriter err) {
        CertificateInstallation.Check c = CertificateInstallation.check(dir, clock);
        if (!c.isOk()) {
            err.println("meter-agent enroll --check: refused (" + c.problem() + "): " + c.detail());
            return 1;
        }
        out.println("Usable: " + dir.resolve(NodeEnrollment.NODE_CERTIFICATE) + " certifies " + c.subject() + " with "
                + dir.resolve(NodeEnrollment.NODE_KEY) + ", issued by " + dir.resolve(NodeEnrollment.CA_CERTIFICATE)
                + ", valid until " + c.notAfter()
                + (c.crlChecked() ? ", not revoked in crl.pem" : " (no crl.pem to check revocation against)"));
        return 0;
    }
}
