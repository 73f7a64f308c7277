package org.ebc.gateway.storage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.CommitCertificate;
import org.ebc.gateway.consensus.BlockFacts;
import org.ebc.gateway.consensus.ChainStore;
import org.ebc.gateway.consensus.ConsensusJournal;
import org.ebc.gateway.ledger.StoredBlock;
import org.ebc.gateway.ledger.StoredTransaction;
import org.ebc.ledger.Block;
import org.ebc.ledger.FormatReason;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.Outcome;
import org.ebc.ledger.Sha256Hash;
import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * The ledger in the gateway's SQLite file (V4): consensus's {@link ChainStore} (a block, its transactions
 * and its commit certificate in one fsync'd transaction) and its {@link ConsensusJournal} (votes signed at
 * the current height, written before they are sent). Owns its connection; called from the consensus
 * thread only (the methods are synchronized so that a reader thread of the operator's commands is safe too).
 *
 * <p>The first open binds the file to one genesis and one EAG ({@code ledger_meta}); opening it with another
 * genesis fails, so two consortia never share a chain file by mistake.
 */
public final class SqliteLedgerStore implements ChainStore, ConsensusJournal, AutoCloseable {
    /**
     * A test's way to halt the process inside a block's commit, as a power cut would: {@value}{@code =<point>:<height>}
     * with point {@code begun} (after BEGIN), {@code block} (the block row written), {@code transactions} (all rows
     * written, before COMMIT) or {@code committed} (after COMMIT, before the call returns). Nothing in a
     * configuration file can set it.
     */
    static final String HALT_PROPERTY = "ebc.test.halt-in-ledger-append";

    private final Connection c;
    private final BlockHash genesisBlock;
    private final @Nullable String haltAt = System.getProperty(HALT_PROPERTY);
    private long height;
    private BlockHash tip;

    /**
     * @param connection a writer connection on a migrated database (owned from now on)
     * @param genesis the consortium's genesis (its hash is the parent of block 1)
     * @param eag this EAG
     * @throws StorageException if the file belongs to another genesis or EAG, or cannot be read
     */
    public SqliteLedgerStore(Connection connection, Genesis genesis, EagId eag) {
        this.c = connection;
        this.genesisBlock = new BlockHash(genesis.hash().hex());
        try {
            bind(genesis.hash().hex(), eag.value());
            try (PreparedStatement s =
                            c.prepareStatement("SELECT height, hash FROM ledger_blocks ORDER BY height DESC LIMIT 1");
                    ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    height = r.getLong(1);
                    tip = new BlockHash(r.getString(2));
                } else {
                    height = 0;
                    tip = genesisBlock;
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot open the ledger: " + e.getMessage(), e);
        }
    }

    private void bind(String genesis, String eag) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT genesis, eag FROM ledger_meta WHERE id = 1");
                ResultSet r = s.executeQuery()) {
            if (r.next()) {
                if (!r.getString(1).equals(genesis) || !r.getString(2).equals(eag)) {
                    throw new StorageException("this database holds the ledger of genesis " + r.getString(1)
                            + " at EAG " + r.getString(2) + ", not of genesis " + genesis + " at " + eag);
                }
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_meta (id, genesis, eag) VALUES (1, ?, ?)")) {
            s.setString(1, genesis);
            s.setString(2, eag);
            s.executeUpdate();
        }
    }

    @Override
    public synchronized long height() {
        return height;
    }

    @Override
    public synchronized BlockHash tip() {
        return tip;
    }

    @Override
    public synchronized Optional<CertifiedBlock> block(long h) {
        if (h < 1 || h > height) {
            return Optional.empty();
        }
        try (PreparedStatement s =
                c.prepareStatement("SELECT block, certificate FROM ledger_blocks WHERE height = ?")) {
            s.setLong(1, h);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                byte[] block = r.getBytes(1);
                Optional<CommitCertificate> cert = CommitCertificate.parse(r.getBytes(2));
                if (cert.isEmpty()) {
                    throw new StorageException("the certificate stored at height " + h
                            + " does not read as one (run `eag-gateway ledger verify`)");
                }
                return Optional.of(new CertifiedBlock(block, cert.get()));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read block " + h + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void append(CertifiedBlock certified, BlockFacts facts) {
        if (certified.height() != height + 1
                || !facts.previous().equals(tip)
                || !facts.hash().equals(certified.hash())) {
            throw new IllegalStateException("block " + certified.height() + " does not extend the chain at " + height);
        }
        Outcome<FormatReason, Block> decoded = Block.decode(certified.block());
        if (!decoded.isOk()) {
            throw new IllegalStateException("consensus handed over a block that does not decode: " + decoded.detail());
        }
        Block b = decoded.orElseThrow();
        try {
            WriteTransaction.begin(c);
            try {
                halt("begun", b.height());
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO ledger_blocks (height, hash, previous, miner, timestamp_ms, tx_count, round, block,"
                                + " certificate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setLong(1, b.height());
                    s.setString(2, b.hash().hex());
                    s.setString(3, b.header().previous().hex());
                    s.setString(4, b.header().miner().value());
                    s.setLong(5, b.header().timestampMillis());
                    s.setLong(6, b.header().transactionCount());
                    s.setLong(7, certified.certificate().round());
                    s.setBytes(8, certified.block());
                    s.setBytes(9, certified.certificate().toJson());
                    s.executeUpdate();
                }
                halt("block", b.height());
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO ledger_transactions (id, height, position, tx) VALUES (?, ?, ?, ?)")) {
                    int position = 1;
                    for (byte[] tx : b.transactions()) {
                        s.setString(1, Sha256Hash.of(tx).hex());
                        s.setLong(2, b.height());
                        s.setLong(3, position++);
                        s.setBytes(4, tx);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                halt("transactions", b.height());
                WriteTransaction.commit(c);
                halt("committed", b.height());
            } catch (SQLException | RuntimeException e) {
                WriteTransaction.rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot store block " + certified.height() + ": " + e.getMessage(), e);
        }
        height = certified.height();
        tip = certified.hash();
    }

    private void halt(String point, long h) {
        if (haltAt != null && haltAt.equals(point + ":" + h)) {
            // Straight out, like a power cut: no shutdown hook, no rollback, no flushed log.
            System.err.println("test crash point reached: halting in the commit of block " + h + " (" + point + ")");
            Runtime.getRuntime().halt(137);
        }
    }

    /** Where a committed transaction is: its block's height and its Merkle leaf position there. */
    public record Position(long height, int position) {}

    /** Where {@code txId} was committed, on any connection (a read-only one works while the gateway runs). */
    public static Optional<Position> position(Connection c, String txId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT height, position FROM ledger_transactions WHERE id = ?")) {
            s.setString(1, txId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Position(r.getLong(1), r.getInt(2))) : Optional.empty();
            }
        }
    }

    /** The stored block row at {@code height} (block bytes and certificate JSON), on any connection. */
    public static Optional<StoredBlock> storedBlock(Connection c, long height) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT height, hash, previous, miner, timestamp_ms, tx_count, round, block, certificate"
                        + " FROM ledger_blocks WHERE height = ?")) {
            s.setLong(1, height);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(storedBlock(r)) : Optional.empty();
            }
        }
    }

    // The consensus journal.

    @Override
    public synchronized void recordSigned(long h, byte[] message) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO consensus_signed (height, seq, message) VALUES (?, "
                + "(SELECT COALESCE(MAX(seq), 0) + 1 FROM consensus_signed WHERE height = ?), ?)")) {
            s.setLong(1, h);
            s.setLong(2, h);
            s.setBytes(3, message);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot journal a vote at height " + h + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void recordValid(long h, int round, byte[] block, List<byte[]> justification) {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT OR REPLACE INTO consensus_valid (height, round, block, justification) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, h);
            s.setInt(2, round);
            s.setBytes(3, block);
            s.setBytes(4, pack(justification));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot journal the valid block at height " + h + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<byte[]> signed(long h) {
        List<byte[]> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT message FROM consensus_signed WHERE height = ? ORDER BY seq")) {
            s.setLong(1, h);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getBytes(1));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the consensus journal: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized Optional<ValidBlock> valid(long h) {
        try (PreparedStatement s =
                c.prepareStatement("SELECT round, block, justification FROM consensus_valid WHERE height = ?")) {
            s.setLong(1, h);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ValidBlock(r.getInt(1), r.getBytes(2), unpack(r.getBytes(3))));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the consensus journal: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void forgetBelow(long h) {
        try {
            WriteTransaction.begin(c);
            try {
                for (String table : List.of("consensus_signed", "consensus_valid")) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE height < ?")) {
                        s.setLong(1, h);
                        s.executeUpdate();
                    }
                }
                WriteTransaction.commit(c);
            } catch (SQLException | RuntimeException e) {
                WriteTransaction.rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot trim the consensus journal: " + e.getMessage(), e);
        }
    }

    static byte[] pack(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(p.length).array());
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static List<byte[]> unpack(byte[] packed) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(packed);
        while (b.remaining() >= 4) {
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new StorageException("the consensus journal's justification is truncated");
            }
            byte[] p = new byte[n];
            b.get(p);
            out.add(p);
        }
        return out;
    }

    /**
     * Everything {@code ledger verify} reads, on any connection (a read-only one works while the gateway runs).
     *
     * @param genesis the genesis hash the file is bound to, or null if no ledger was ever opened in it
     * @param eag the EAG the file is bound to, or null
     */
    public record Rows(
            @Nullable String genesis,
            @Nullable String eag,
            List<StoredBlock> blocks,
            List<StoredTransaction> transactions) {}

    public static Rows readRows(Connection c) throws SQLException {
        String genesis = null;
        String eag = null;
        try (PreparedStatement s = c.prepareStatement("SELECT genesis, eag FROM ledger_meta WHERE id = 1");
                ResultSet r = s.executeQuery()) {
            if (r.next()) {
                genesis = r.getString(1);
                eag = r.getString(2);
            }
        }
        List<StoredBlock> blocks = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT height, hash, previous, miner, timestamp_ms, tx_count, round, block, certificate"
                                + " FROM ledger_blocks ORDER BY height");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                blocks.add(storedBlock(r));
            }
        }
        List<StoredTransaction> txs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT id, height, position, tx FROM ledger_transactions ORDER BY height, position");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                txs.add(new StoredTransaction(r.getString(1), r.getLong(2), r.getLong(3), bytes(r, 4)));
            }
        }
        return new Rows(genesis, eag, blocks, txs);
    }

    /** The row under the cursor of a {@code SELECT height, hash, previous, miner, timestamp_ms, tx_count, round, block, certificate}. */
    private static StoredBlock storedBlock(ResultSet r) throws SQLException {
        return new StoredBlock(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getLong(5),
                r.getLong(6),
                r.getLong(7),
                bytes(r, 8),
                bytes(r, 9));
    }

    /** A BLOB column; a value someone rewrote as TEXT (sqlite3 allows that in a non-STRICT edit) reads as its bytes. */
    private static byte[] bytes(ResultSet r, int column) throws SQLException {
        byte[] b = r.getBytes(column);
        return b == null ? new byte[0] : b;
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException e) {
            // closing is best effort; everything was committed
        }
    }
}
