package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ebc.crypto.KeyFileException;
import org.ebc.gateway.authority.AuthorityRefusal;
import org.ebc.gateway.authority.BrokerEnrollment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eag-gateway enroll-broker}: a site Mosquitto's own key and CSR, made where the broker runs. */
@Command(
        name = "enroll-broker",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a site broker's (Mosquitto's) TLS key and a certificate signing request for the authority.",
            "",
            "Writes DIR/broker.key (P-256, PKCS#8, mode 0600; it never leaves DIR) and DIR/broker.csr. Make DIR Mosquitto's "
                    + "first (install -d -o mosquitto -g mosquitto -m 0700 /etc/mosquitto/ebc): files root writes there are "
                    + "given to its owner. Take broker.csr to the authority (`eag-gateway authority issue-broker`).",
            "",
            "Exit status: 0 done, 1 refused, 2 usage error."
        })
public final class EnrollBrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--name",
            required = true,
            paramLabel = "NAME",
            description =
                    "The broker's name (certificate CN, 1-64 characters of A-Z a-z 0-9 . _ -), e.g. mqtt-eag-0001.")
    String name;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Mosquitto's ebc directory.")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            BrokerEnrollment.Result r = BrokerEnrollment.enroll(name, dir);
            out.println("Created the TLS key and certificate request of broker " + r.name() + ":");
            out.printf("  %-8s %s (mode 0600; stays on this machine)%n", "key", r.key());
            out.printf("  %-8s %s%n", "request", r.csr());
            out.printf("  %-8s %s%n", "key id", r.keyId());
            out.println("Next, at the authority: eag-gateway authority issue-broker --dir <authority dir> --csr "
                    + r.csr() + " --host <the name meters dial>");
            return 0;
        } catch (KeyFileException | AuthorityRefusal e) {
            err.println("eag-gateway enroll-broker: refused: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
