package org.ebc.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ebc.agent.enroll.BundleEnrollment;
import org.ebc.agent.enroll.CertificateInstallation;
import org.ebc.agent.enroll.NodeEnrollment;
import org.ebc.agent.enroll.ServiceUser;
import org.ebc.config.ConfigException;
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
            "With --bundle (the site's enrollment bundle, `eag-gateway authority bundle`), the keys are made as above if KEYDIR "
                    + "has none, the requests go to the authority's enrollment service, and the command waits (--wait) until "
                    + "the operator has approved them, then installs and checks node.crt and ca.crt. Run again, it picks up "
                    + "where it stopped.",
            "",
            "Run as root, the files are given to KEYDIR's owner (the package makes /etc/ebc/keys the agent's), and --check "
                    + "checks that the service's user (--user, default ebc-meter) can read them.",
            "",
            "Exit status: 0 done (or, with --check, installation usable), 1 refused or not approved in time, 2 usage error."
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

    @Option(
            names = "--bundle",
            paramLabel = "DIR",
            description =
                    "The site's enrollment bundle: enroll through the authority's enrollment service and wait for approval.")
    Path bundle;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            defaultValue = "168h",
            description = "With --bundle: how long to wait for the approval (default: ${DEFAULT-VALUE}).")
    String waitFor;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "With --bundle: time between two questions to the service (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "With --check run as root: the user the agent runs as, who must be able to read the files "
                    + "(default: " + ServiceUser.AGENT + ", if that user exists).")
    String user;

    /** Where the passwd and group files are; /etc outside tests. */
    Path etc = Path.of("/etc");

    /** The clock that dates the wallet-binding request and judges validity; the system clock outside tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (check) {
                return check(out, err);
            }
            return bundle == null ? enroll(out, err) : enrollFromBundle(out, err);
        } catch (KeyFileException | ConfigException | BundleEnrollment.EnrollmentRefused e) {
            err.println("meter-agent enroll: refused: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("meter-agent enroll: interrupted while waiting for the approval");
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

    private int enrollFromBundle(PrintWriter out, PrintWriter err) throws InterruptedException {
        if (nodeId == null || meterSerial == null) {
            throw new ParameterException(spec.commandLine(), "Missing required options: --node-id and --meter-serial");
        }
        if (!NodeId.isValid(nodeId) || !MeterSerial.isValid(meterSerial)) {
            err.println("meter-agent enroll: refused: node id '" + nodeId + "' or meter serial '" + meterSerial
                    + "' is not 1-64 characters of [A-Za-z0-9._-]");
            return 1;
        }
        Duration wait = duration("--wait", waitFor);
        Duration every = duration("--poll", poll);
        BundleEnrollment.Result r = new BundleEnrollment(bundle, dir, clock, line -> {
                    out.println(line);
                    out.flush();
                })
                .enroll(NodeId.of(nodeId), MeterSerial.of(meterSerial), wallets, wait, every);
        if (r.problem() != null) {
            err.println("meter-agent enroll: " + r.problem());
            return 1;
        }
        out.println("Enrolled: " + dir.resolve(NodeEnrollment.NODE_CERTIFICATE) + " certifies "
                + r.check().subject() + ", valid until " + r.check().notAfter());
        return 0;
    }

    private Duration duration(String option, String text) {
        try {
            return org.ebc.config.Settings.of(java.util.Map.of(option, text))
                    .duration(option, Duration.ZERO, Duration.ofMillis(10), Duration.ofDays(365));
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + text);
        }
    }

    private int check(PrintWriter out, PrintWriter err) {
        String checkedAs = "";
        if (ServiceUser.runningAsRoot()) {
            String name = user != null ? user : ServiceUser.AGENT;
            java.util.Optional<ServiceUser> service = ServiceUser.lookup(name, etc);
            if (service.isEmpty() && user != null) {
                err.println("meter-agent enroll --check: refused: there is no user '" + user + "' on this system");
                return 1;
            }
            if (service.isPresent()) {
                for (String f : new String[] {
                    "",
                    NodeEnrollment.NODE_KEY,
                    NodeEnrollment.NODE_CERTIFICATE,
                    NodeEnrollment.CA_CERTIFICATE,
                    NodeEnrollment.CRL
                }) {
                    java.util.Optional<String> problem = service.get().cannotRead(f.isEmpty() ? dir : dir.resolve(f));
                    if (problem.isPresent()) {
                        err.println("meter-agent enroll --check: refused (UNREADABLE): " + problem.get());
                        return 1;
                    }
                }
                checkedAs = " (checked as " + name + ", the service's user)";
            }
        }
        CertificateInstallation.Check c = CertificateInstallation.check(dir, clock);
        if (!c.isOk()) {
            err.println("meter-agent enroll --check: refused (" + c.problem() + "): " + c.detail());
            return 1;
        }
        out.println("Usable: " + dir.resolve(NodeEnrollment.NODE_CERTIFICATE) + " certifies " + c.subject() + " with "
                + dir.resolve(NodeEnrollment.NODE_KEY) + ", issued by " + dir.resolve(NodeEnrollment.CA_CERTIFICATE)
                + ", valid until " + c.notAfter()
                + (c.crlChecked() ? ", not revoked in crl.pem" : " (no crl.pem to check revocation against)")
                + checkedAs);
        return 0;
    }
}
