package org.ebc.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.ledger.InclusionProof;
import org.ebc.ledger.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eag-gateway ledger check-proof FILE}: {@link InclusionProof#check}, offline. */
@Command(
        name = "check-proof",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check a proof printed by `ledger prove`, offline, with nothing but the authority's root certificate: the "
                    + "genesis verifies under the root, the header belongs to that chain, the Merkle path leads from the "
                    + "transaction to the header's root, a quorum of the genesis's EAGs signed the header's commit, and "
                    + "the transaction's own signatures hold.",
            "Exit 0 if it holds, 1 naming what does not, 2 if it cannot run."
        })
public final class LedgerCheckProofCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the proof")
    Path file;

    @Option(
            names = "--ca",
            paramLabel = "FILE",
            required = true,
            description = "the authority's root certificate (ca.crt)")
    Path caFile;

    @Override
    public Integer call() {
        try {
            X509Certificate root = Pem.readCertificate(caFile);
            byte[] json = Files.readAllBytes(file);
            // A trailing newline (as `ledger prove` prints to a terminal) is not part of the proof.
            int n = json.length;
            while (n > 0 && (json[n - 1] == '\n' || json[n - 1] == '\r')) {
                n--;
            }
            Outcome<InclusionProof.Reason, InclusionProof.Proven> r =
                    InclusionProof.check(java.util.Arrays.copyOf(json, n), root);
            if (!r.isOk()) {
                System.out.println("proof does not hold: " + r.reason() + " (" + r.detail() + ")");
                return 1;
            }
            InclusionProof.Proven p = r.orElseThrow();
            System.out.println("proof holds: transaction "
                    + p.transaction().id().hex() + " (" + p.transaction().kind().wire()
                    + ", admitted by " + p.transaction().admittedBy() + ") is in block "
                    + p.header().height() + " "
                    + p.header().hash().hex() + " of chain "
                    + p.genesis().hash().hex() + ", committed by "
                    + p.certificate().replies().size() + " of "
                    + p.genesis().members().size() + " EAGs (quorum "
                    + p.genesis().quorumSize() + ")");
            return 0;
        } catch (IOException | KeyFileException e) {
            System.err.println("eag-gateway ledger check-proof: " + e.getMessage());
            return 2;
        }
    }
}
