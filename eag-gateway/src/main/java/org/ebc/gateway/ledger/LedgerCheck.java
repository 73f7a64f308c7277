package org.ebc.gateway.ledger;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.consensus.CertificateCheck;
import org.ebc.consensus.CommitCertificate;
import org.ebc.consensus.Consortium;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.BlockVerdict;
import org.ebc.gateway.chain.Enrollments;
import org.ebc.gateway.chain.InMemoryChainState;
import org.ebc.ledger.Block;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.FormatReason;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.Outcome;
import org.ebc.ledger.Sha256Hash;
import org.jspecify.annotations.Nullable;

/**
 * {@code eag-gateway ledger verify}: re-checks a stored chain from its genesis, row by row, and names the first
 * thing that does not hold. For each block row, in height order: the heights have no gap; the block bytes
 * decode and are the canonical encoding; every column derived from them (hash, previous hash, miner,
 * timestamp, transaction count) equals what the bytes say; the certificate reads, is canonical, names this
 * height, round and hash, and carries a quorum of valid genesis-EAG signatures; the transaction rows are
 * exactly the block's transactions, each with its id; and the chain's one block validator accepts the block
 * on top of the blocks before it (proof of work, Merkle root, difficulty, timestamps, every signature,
 * balances, nonces, coinbase, home EAGs). Pure: the same rows give the same report.
 */
public final class LedgerCheck {
    private LedgerCheck() {}

    /**
     * The first row that does not hold, if any.
     *
     * @param table the table
     * @param key the row's key ({@code height=…}, or {@code id=…})
     * @param problem what does not hold, one line
     */
    public record Finding(String table, String key, String problem) {
        @Override
        public String toString() {
            return table + " " + key + ": " + problem;
        }
    }

    /**
     * What a check found.
     *
     * @param blocks how many block rows held
     * @param transactions how many transaction rows held
     * @param finding the first row that does not hold, or null
     * @param state the chain state after the last block that held
     */
    public record Report(
            long blocks, long transactions, @Nullable Finding finding, InMemoryChainState state) {
        public boolean ok() {
            return finding == null;
        }
    }

    public static Report check(
            Genesis genesis,
            Enrollments enrollments,
            List<StoredBlock> blocks,
            List<StoredTransaction> transactions,
            BlockValidator validator,
            Clock clock) {
        Consortium consortium = Consortium.of(genesis);
        Map<Long, Map<Long, StoredTransaction>> byHeight = new HashMap<>();
        for (StoredTransaction t : transactions) {
            StoredTransaction twice =
                    byHeight.computeIfAbsent(t.height(), h -> new HashMap<>()).put(t.position(), t);
            if (twice != null) {
                return fail(
                        0,
                        0,
                        new Finding(
                                "ledger_transactions",
                                "id=" + t.id(),
                                "a second transaction at height " + t.height() + " position " + t.position()),
                        genesis,
                        enrollments);
            }
        }
        InMemoryChainState state = InMemoryChainState.atGenesis(genesis, enrollments);
        long txs = 0;
        long expected = 1;
        for (StoredBlock row : blocks) {
            Finding f = checkRow(row, expected, consortium);
            if (f == null) {
                Block b = Block.decode(row.block()).orElseThrow();
                BlockVerdict v = validator.validate(b, state, clock);
                if (!v.isValid()) {
                    f = blockFinding(row, "the block validator refuses it: " + v.reason() + " (" + v.detail() + ")");
                } else {
                    // The block holds; now its transaction rows must be exactly its transactions.
                    f = checkTransactions(row, b, byHeight.getOrDefault(row.height(), Map.of()));
                    state = state.apply(v.effectsOrThrow());
                }
            }
            if (f != null) {
                return new Report(expected - 1, txs, f, state);
            }
            txs += row.transactionCount();
            byHeight.remove(row.height());
            expected++;
        }
        for (Map<Long, StoredTransaction> left : byHeight.values()) {
            for (StoredTransaction t : left.values()) {
                return new Report(
                        expected - 1,
                        txs,
                        new Finding(
                                "ledger_transactions",
                                "id=" + t.id(),
                                "names height " + t.height() + " position " + t.position()
                                        + ", which no stored block has"),
                        state);
            }
        }
        return new Report(expected - 1, txs, null, state);
    }

    private static Report fail(long blocks, long txs, Finding f, Genesis genesis, Enrollments enrollments) {
        return new Report(blocks, txs, f, InMemoryChainState.atGenesis(genesis, enrollments));
    }

    private static @Nullable Finding checkRow(StoredBlock row, long expected, Consortium consortium) {
        if (row.height() != expected) {
            return blockFinding(row, "expected height " + expected + " (a block is missing or renumbered)");
        }
        Outcome<FormatReason, Block> decoded = Block.decode(row.block());
        if (!decoded.isOk()) {
            return blockFinding(
                    row, "column block does not decode: " + decoded.reason() + " (" + decoded.detail() + ")");
        }
        Block b = decoded.orElseThrow();
        if (!Arrays.equals(b.encode(), row.block())) {
            return blockFinding(row, "column block is not the block's canonical encoding");
        }
        BlockHeader h = b.header();
        if (h.height() != row.height()) {
            return blockFinding(row, "column block holds height " + h.height());
        }
        if (!b.hash().hex().equals(row.hash())) {
            return blockFinding(
                    row,
                    "column hash is " + row.hash() + ", the block hashes to "
                            + b.hash().hex());
        }
        if (!h.previous().hex().equals(row.previous())) {
            return blockFinding(
                    row,
                    "column previous is " + row.previous() + ", the block says "
                            + h.previous().hex());
        }
        if (!h.miner().value().equals(row.miner())) {
            return blockFinding(row, "column miner is " + row.miner() + ", the block says " + h.miner());
        }
        if (h.timestampMillis() != row.timestampMillis()) {
            return blockFinding(
                    row, "column timestamp_ms is " + row.timestampMillis() + ", the block says " + h.timestampMillis());
        }
        if (h.transactionCount() != row.transactionCount() || b.transactions().size() != row.transactionCount()) {
            return blockFinding(
                    row,
                    "column tx_count is " + row.transactionCount() + ", the block carries "
                            + b.transactions().size());
        }
        Optional<CommitCertificate> parsed = CommitCertificate.parse(row.certificate());
        if (parsed.isEmpty()) {
            return blockFinding(row, "column certificate does not read as a commit certificate");
        }
        CommitCertificate cert = parsed.get();
        if (!Arrays.equals(cert.toJson(), row.certificate())) {
            return blockFinding(row, "column certificate is not the certificate's canonical JSON");
        }
        if (cert.height() != row.height() || !cert.block().hex().equals(row.hash())) {
            return blockFinding(
                    row, "the certificate commits block " + cert.block().hex() + " at height " + cert.height());
        }
        if (cert.round() != row.round()) {
            return blockFinding(row, "column round is " + row.round() + ", the certificate's is " + cert.round());
        }
        CertificateCheck cc = cert.verify(consortium);
        if (!cc.isOk()) {
            return blockFinding(row, "the certificate does not hold: " + cc.reason() + " (" + cc.detail() + ")");
        }
        return null;
    }

    private static @Nullable Finding checkTransactions(StoredBlock row, Block b, Map<Long, StoredTransaction> txRows) {
        List<byte[]> inBlock = b.transactions();
        for (int i = 0; i < inBlock.size(); i++) {
            long position = i + 1L;
            StoredTransaction t = txRows.get(position);
            if (t == null) {
                return new Finding(
                        "ledger_transactions",
                        "height=" + row.height() + " position=" + position,
                        "missing (the block carries " + inBlock.size() + " transactions)");
            }
            if (!Arrays.equals(t.tx(), inBlock.get(i))) {
                return new Finding(
                        "ledger_transactions",
                        "id=" + t.id(),
                        "column tx differs from transaction " + position + " of block " + row.height());
            }
            String id = Sha256Hash.of(t.tx()).hex();
            if (!id.equals(t.id())) {
                return new Finding(
                        "ledger_transactions", "id=" + t.id(), "column id differs from the transaction's hash " + id);
            }
        }
        if (txRows.size() != inBlock.size()) {
            for (StoredTransaction t : txRows.values()) {
                if (t.position() < 1 || t.position() > inBlock.size()) {
                    return new Finding(
                            "ledger_transactions",
                            "id=" + t.id(),
                            "position " + t.position() + " is outside block " + row.height() + " (" + inBlock.size()
                                    + " transactions)");
                }
            }
        }
        return null;
    }

    private static Finding blockFinding(StoredBlock row, String problem) {
        return new Finding("ledger_blocks", "height=" + row.height(), problem);
    }
}
