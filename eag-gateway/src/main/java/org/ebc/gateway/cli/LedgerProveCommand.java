package org.ebc.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebc.config.ConfigException;
import org.ebc.gateway.EagIdentity;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.ledger.ProofBuilder;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.ledger.InclusionProof;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.TradeProof;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eag-gateway ledger prove ID}: a self-contained {@link InclusionProof} for a committed transaction or payment,
 * or a {@link TradeProof} for a reading or a bill.
 */
@Command(
        name = "prove",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print a self-contained proof that `ledger check-proof` checks offline with nothing but the authority's root "
                    + "certificate (docs/ledger.md, 10b and 10c). ID is one of:",
            "  a transaction id or a payment id (64 hex characters: the SHA-256 of the ledger transaction or of the "
                    + "payer's transfer): the genesis, the transaction's signed envelope, its Merkle path, the block "
                    + "header and the block's commit certificate;",
            "  reading:METER:PAGE (a stored reading, by meter serial and page) or bill:BILL (a bill id): the meter's "
                    + "signed border readings of the slot and its certificate, the bill, this EAG's statement of which "
                    + "node's readings settled it, and the proof above of the transfer that paid it. These need --config "
                    + "(the EAG signs the bill and the statement with its key).",
            "Exit 0 with the proof, 1 if there is none (not paid, not in a committed block yet: the reason is printed), "
                    + "2 if it cannot run."
        })
public final class LedgerProveCommand implements Callable<Integer> {
    private static final Pattern READING = Pattern.compile("reading:(.+):([0-9]{1,18})");
    private static final String BILL = "bill:";

    @ArgGroup(exclusive = true, multiplicity = "1")
    DatabaseLocation location;

    @Parameters(index = "0", paramLabel = "ID", description = "TX, PAYMENT, reading:METER:PAGE or bill:BILL")
    String id;

    @Option(names = "--genesis", paramLabel = "FILE", required = true, description = "the consortium's genesis file")
    Path genesisFile;

    @Option(names = "--out", paramLabel = "FILE", description = "write the proof here instead of stdout")
    Path out;

    @Override
    public Integer call() {
        Matcher reading = READING.matcher(id);
        boolean trade = reading.matches() || id.startsWith(BILL);
        if (!trade && Sha256Hash.parseHex(id).isEmpty()) {
            System.err.println("eag-gateway ledger prove: ID must be 64 lowercase hex characters (a transaction or "
                    + "payment id), reading:METER:PAGE or bill:BILL, not '" + id + "'");
            return 2;
        }
        if (trade && location.config == null) {
            System.err.println("eag-gateway ledger prove: a proof of a reading or a bill carries the bill and a "
                    + "statement signed by this EAG: give --config (the gateway's configuration names its key), not "
                    + "--data");
            return 2;
        }
        try (Connection c = GatewayDatabase.openReader(location.databaseFile())) {
            ProofBuilder proofs = new ProofBuilder(c, Files.readAllBytes(genesisFile));
            ProofBuilder.Result r;
            if (trade) {
                GatewayConfig config = GatewayConfig.load(location.config, Clock.systemUTC());
                EagIdentity me = EagIdentity.load(config);
                ProofBuilder.Signer signer = new ProofBuilder.Signer(me.eag(), me.key(), me.keyId(), Clock.systemUTC());
                r = reading.matches()
                        ? proofs.reading(reading.group(1), Long.parseLong(reading.group(2)), signer)
                        : proofs.bill(id.substring(BILL.length()), signer);
            } else {
                r = proofs.transaction(id);
                if (r instanceof ProofBuilder.Result.None) {
                    Optional<String> tx = proofs.transactionOfTransfer(id);
                    if (tx.isPresent()) {
                        r = proofs.transaction(tx.get());
                    }
                }
            }
            if (r instanceof ProofBuilder.Result.None none) {
                System.err.println("eag-gateway ledger prove: " + none.why());
                return 1;
            }
            ProofBuilder.Result.Built built = (ProofBuilder.Result.Built) r;
            if (out != null) {
                Files.write(out, built.json());
                System.err.println("wrote the proof to " + out + ": " + built.summary());
            } else {
                System.out.write(built.json());
                System.out.println();
                System.out.flush();
            }
            return 0;
        } catch (ConfigException | SQLException | IOException e) {
            System.err.println("eag-gateway ledger prove: " + e.getMessage());
            return 2;
        }
    }
}
