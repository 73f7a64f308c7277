package org.ebc.gateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ebc.crypto.KeyFileException;
import org.ebc.gateway.authority.EagEnrollment;
import org.ebc.units.EagId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eag-gateway enroll}: the gateway's own key and CSR, made on the gateway. */
@Command(
        name = "enroll",
        mixinStandardHelpOptions = true,
        description = {
            "Generate this gateway's key and a certificate signing request for the registration authority.",
            "",
            "Writes a new P-256 key DIR/eag.key (mode 0600; it never leaves DIR) and DIR/eag.csr. DIR is created with mode "
                    + "0700 if missing and refused if group or others may read or write it. Refuses to overwrite an existing "
                    + "eag.key or eag.csr. Take eag.csr to the authority (`eag-gateway authority issue-eag`) and copy the "
                    + "certificate it issues back as DIR/eag.crt, with its ca.crt as DIR/ca.crt.",
            "",
            "Exit status: 0 done, 1 refused, 2 usage error."
        })
public final class EnrollCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--eag-id",
            required = true,
            paramLabel = "ID",
            description = "This gateway's EAG id (1-64 characters of A-Z a-z 0-9 . _ -), as it appears in topics.")
    String eagId;

    @Option(
            names = "--dir",
            required = true,
            paramLabel = "DIR",
            description = "Where the gateway keeps its key and certificates.")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!EagId.isValid(eagId)) {
                err.println("eag-gateway enroll: refused: EAG id '" + eagId
                        + "' is not 1-64 characters of [A-Za-z0-9._-] starting with a letter, digit or underscore");
                return 1;
            }
            EagEnrollment.Result r = EagEnrollment.enroll(EagId.of(eagId), dir);
            out.println("Created the key and certificate request of EAG " + r.eag() + ":");
            out.printf("  %-8s %s (mode 0600; stays on this gateway)%n", "key", r.key());
            out.printf("  %-8s %s%n", "request", r.csr());
            out.printf("  %-8s %s%n", "key id", r.keyId());
            out.println("Next, take " + r.csr().getFileName() + " to the registration authority and run there:");
            out.println("  eag-gateway authority issue-eag --dir <authority dir> --csr "
                    + r.csr().getFileName() + " --host <the name meters dial>");
            out.println("(with the authority on this machine, add --install " + dir + " and nothing needs copying)");
            out.println("Then copy back into " + dir + ":");
            out.println("  <authority dir>/issued/" + r.eag() + ".crt  as  " + dir.resolve(EagEnrollment.CERTIFICATE));
            out.println("  <authority dir>/issued/ca.crt  as  " + dir.resolve("ca.crt"));
            return 0;
        } catch (KeyFileException e) {
            err.println("eag-gateway enroll: refused: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
