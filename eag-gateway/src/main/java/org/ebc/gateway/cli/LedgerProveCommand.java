package org.ebc.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ebc.config.ConfigException;
import org.ebc.gateway.ledger.StoredBlock;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.ledger.Block;
import org.ebc.ledger.InclusionProof;
import org.ebc.ledger.MerkleTree;
import org.ebc.ledger.Sha256Hash;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eag-gateway ledger prove TX}: a self-contained {@link InclusionProof} for a committed transaction. */
@Command(
        name = "prove",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print a self-contained proof that ledger transaction TX (its id: the SHA-256 of its envelope) is in a "
                    + "committed block: the genesis, the transaction's signed envelope, its Merkle path, the block header "
                    + "and the block's commit certificate (docs/ledger.md, 10b). `ledger check-proof` checks it offline with "
                    + "nothing but the authority's root certificate.",
            "Exit 0 with the proof, 1 if the transaction is not in a committed block here, 2 if it cannot run."
        })
public final class LedgerProveCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    DatabaseLocation location;

    @Parameters(index = "0", paramLabel = "TX", description = "the transaction id (64 hex characters)")
    String tx;

    @Option(names = "--genesis", paramLabel = "FILE", required = true, description = "the consortium's genesis file")
    Path genesisFile;

    @Option(names = "--out", paramLabel = "FILE", description = "write the proof here instead of stdout")
    Path out;

    @Override
    public Integer call() {
        if (Sha256Hash.parseHex(tx).isEmpty()) {
            System.err.println("eag-gateway ledger prove: TX must be 64 lowercase hex characters, not '" + tx + "'");
            return 2;
        }
        try (Connection c = GatewayDatabase.openReader(location.databaseFile())) {
            byte[] genesis = Files.readAllBytes(genesisFile);
            Optional<SqliteLedgerStore.Position> at = SqliteLedgerStore.position(c, tx);
            if (at.isEmpty()) {
                System.err.println("eag-gateway ledger prove: transaction " + tx + " is in no committed block here");
                return 1;
            }
            StoredBlock row =
                    SqliteLedgerStore.storedBlock(c, at.get().height()).orElseThrow();
            var decoded = Block.decode(row.block());
            if (!decoded.isOk()) {
                System.err.println(
                        "eag-gateway ledger prove: block " + row.height() + " does not decode (run ledger verify)");
                return 1;
            }
            Block b = decoded.orElseThrow();
            int position = at.get().position();
            byte[] txBytes = b.transactions().get(position - 1);
            InclusionProof proof = new InclusionProof(
                    genesis,
                    txBytes,
                    MerkleTree.prove(b.leaves(), position),
                    b.header().bytes(),
                    row.certificate());
            byte[] json = proof.toJson();
            if (out != null) {
                Files.write(out, json);
                System.err.println("wrote the proof of " + tx + " (block " + row.height() + ") to " + out);
            } else {
                System.out.write(json);
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
