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
import org.ebc.ledger.ReadingUse;
import org.ebc.ledger.TradeProof;
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
                    + "the transaction's own signatures hold. For a trade proof (of a reading or a bill) also: the "
                    + "meter's certificate chains to the root and was valid when it read, both border readings are "
                    + "its signed records at the slot's start and end, the bill and the EAG's statement are signed by "
                    + "a genesis EAG, the proven transfer pays exactly that bill, and the bill's energy is no more "
                    + "than the meter's register moved.",
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
            byte[] proof = java.util.Arrays.copyOf(json, n);
            if (TradeProof.isOne(proof)) {
                return trade(proof, root);
            }
            Outcome<InclusionProof.Reason, InclusionProof.Proven> r = InclusionProof.check(proof, root);
            if (!r.isOk()) {
                System.out.println("proof does not hold: " + r.reason() + " (" + r.detail() + ")");
                return 1;
            }
            System.out.println("proof holds: " + inBlock(r.orElseThrow()));
            return 0;
        } catch (IOException | KeyFileException e) {
            System.err.println("eag-gateway ledger check-proof: " + e.getMessage());
            return 2;
        }
    }

    private static int trade(byte[] proof, X509Certificate root) {
        Outcome<TradeProof.Reason, TradeProof.Proven> r = TradeProof.check(proof, root);
        if (!r.isOk()) {
            System.out.println("trade proof does not hold: " + r.reason() + " (" + r.detail() + ")");
            return 1;
        }
        TradeProof.Proven p = r.orElseThrow();
        System.out.println("trade proof holds: meter " + p.start().meterSerial() + " (node "
                + p.use().node()
                + ") signed pages " + p.start().page().value() + " and "
                + p.end().page().value()
                + " at the borders of slot " + p.use().slot() + " to " + p.use().slotEnd() + "; its "
                + (ReadingUse.PAYER.equals(p.use().role()) ? "import" : "export") + " register moved " + p.measured()
                + "; bill " + p.bill().id() + " (" + p.bill().kind() + ", "
                + p.bill().energy() + ", "
                + p.bill().amount() + ", issued by " + p.bill().eag() + ", the node is its "
                + p.use().role()
                + ") was paid by a transfer of " + p.transfer().amount() + " from "
                + p.transfer().payer() + " to "
                + p.transfer().payee());
        System.out.println("  the payment: " + inBlock(p.payment()));
        return 0;
    }

    private static String inBlock(InclusionProof.Proven p) {
        return "transaction " + p.transaction().id().hex() + " ("
                + p.transaction().kind().wire() + ", admitted by "
                + p.transaction().admittedBy() + ") is in block " + p.header().height() + " "
                + p.header().hash().hex()
                + " of chain " + p.genesis().hash().hex() + ", committed by "
                + p.certificate().replies().size()
                + " of " + p.genesis().members().size() + " EAGs (quorum "
                + p.genesis().quorumSize() + ")";
    }
}
