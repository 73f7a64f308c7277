package org.ebc.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.ebc.crypto.Signatures;
import org.jspecify.annotations.Nullable;

/**
 * A block as it travels and is stored: the header, the miner's signature over the header bytes, the
 * coinbase and the admitted transaction envelopes in block order. Length-prefixed binary (all integers
 * big-endian, unsigned):
 *
 * <pre>
 *   4 bytes  magic "EBB1"
 * 224 bytes  header ({@link BlockHeader})
 *   1 byte   length L of the miner's signature (8–80), then L bytes: DER ECDSA P-256 over the 224 header bytes
 *   4 bytes  length C of the coinbase (1 to 1 MiB), then C bytes ({@link Coinbase})
 *   4 bytes  number N of transactions (0–100,000; the header's transaction count), then N times:
 *              4 bytes length T (1 to {@link LedgerTransaction#MAX_BYTES}), then T bytes: a ledger transaction envelope
 * </pre>
 *
 * and nothing after. Binary rather than a JSON envelope because a block of 10,000 transactions would
 * otherwise be a 20 MB JSON document of base64 strings, parsed and decoded once more at every EAG; here the
 * envelopes are carried as the exact bytes their signers produced.
 *
 * <p>The block hash is the header hash; the header commits to everything else through the Merkle root
 * (leaf 0 the coinbase, then the transactions). The signature is outside the hash: it makes the block the
 * miner's statement (only an EAG of the genesis can produce a block that validates, whoever found the
 * nonce), and since the EAG key signs JSON payloads everywhere else, header bytes ({@code EBH1…}) cannot
 * be confused with one. An ECDSA signature can be re-spelled by a third party ((r, s) → (r, n − s)) without
 * changing the hash; stores key blocks by hash and keep the bytes they validated.
 *
 * <p>Decoding checks structure only; {@code org.ebc.gateway.chain.BlockValidator} checks the rules.
 * Immutable.
 */
public final class Block {
    public static final int MAX_BYTES = 64 * 1024 * 1024;
    public static final int MAX_TRANSACTIONS = 100_000;
    private static final byte[] MAGIC = "EBB1".getBytes(StandardCharsets.US_ASCII);

    private final BlockHeader header;
    private final byte[] minerSignature;
    private final Coinbase coinbase;
    private final List<byte[]> transactions;
    private volatile @Nullable List<Sha256Hash> leaves;

    private Block(BlockHeader header, byte[] minerSignature, Coinbase coinbase, List<byte[]> transactions) {
        this.header = header;
        this.minerSignature = minerSignature;
        this.coinbase = coinbase;
        this.transactions = transactions;
    }

    /** A block from its parts; the signature is not checked here. */
    public static Block of(BlockHeader header, byte[] minerSignature, Coinbase coinbase, List<byte[]> transactions) {
        if (minerSignature.length < 8 || minerSignature.length > 80) {
            throw new IllegalArgumentException("a DER signature has 8-80 bytes");
        }
        if (transactions.size() != header.transactionCount()) {
            throw new IllegalArgumentException(
                    "the header counts " + header.transactionCount() + " transactions, not " + transactions.size());
        }
        List<byte[]> copy = new ArrayList<>(transactions.size());
        for (byte[] t : transactions) {
            copy.add(t.clone());
        }
        return new Block(header, minerSignature.clone(), coinbase, Collections.unmodifiableList(copy));
    }

    /** Signs a mined header with the miner EAG's key pair and assembles the block. */
    public static Block sign(BlockHeader header, Coinbase coinbase, List<byte[]> transactions, KeyPair minerKeys) {
        return of(header, Signatures.sign(minerKeys.getPrivate(), header.bytes()), coinbase, transactions);
    }

    /** The Merkle leaf values of a block's contents: the coinbase id, then each transaction's id. */
    public static List<Sha256Hash> leaves(Coinbase coinbase, List<byte[]> transactions) {
        List<Sha256Hash> out = new ArrayList<>(transactions.size() + 1);
        out.add(coinbase.id());
        for (byte[] t : transactions) {
            out.add(Sha256Hash.of(t));
        }
        return Collections.unmodifiableList(out);
    }

    public byte[] encode() {
        int size = 4 + BlockHeader.LENGTH + 1 + minerSignature.length + 4 + coinbase.size() + 4;
        for (byte[] t : transactions) {
            size += 4 + t.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(MAGIC);
        b.put(header.bytes());
        b.put((byte) minerSignature.length);
        b.put(minerSignature);
        b.putInt(coinbase.size());
        b.put(coinbase.raw());
        b.putInt(transactions.size());
        for (byte[] t : transactions) {
            b.putInt(t.length);
            b.put(t);
        }
        return b.array();
    }

    /** Reads a block in the layout above; never throws. */
    public static Outcome<FormatReason, Block> decode(byte[] raw) {
        if (raw.length > MAX_BYTES) {
            return Outcome.refuse(FormatReason.TOO_LARGE, "block of " + raw.length + " bytes, limit " + MAX_BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        if (raw.length < 4 + BlockHeader.LENGTH + 1 || !Arrays.equals(raw, 0, 4, MAGIC, 0, 4)) {
            return malformed("does not start with EBB1 and a header");
        }
        b.position(4);
        Outcome<FormatReason, BlockHeader> header = BlockHeader.parse(take(b, BlockHeader.LENGTH));
        if (!header.isOk()) {
            return header.refusal();
        }
        int sigLength = b.get() & 0xFF;
        if (sigLength < 8 || sigLength > 80 || b.remaining() < sigLength + 4) {
            return malformed("miner signature length " + sigLength + " or truncated");
        }
        byte[] signature = take(b, sigLength);
        int coinbaseLength = b.getInt();
        if (coinbaseLength < 1 || coinbaseLength > Coinbase.MAX_BYTES || b.remaining() < coinbaseLength + 4) {
            return malformed("coinbase length " + Integer.toUnsignedString(coinbaseLength) + " or truncated");
        }
        Outcome<FormatReason, Coinbase> coinbase = Coinbase.parse(take(b, coinbaseLength));
        if (!coinbase.isOk()) {
            return coinbase.refusal();
        }
        int count = b.getInt();
        if (count != header.orElseThrow().transactionCount()) {
            return malformed("transaction count " + Integer.toUnsignedString(count) + ", the header says "
                    + header.orElseThrow().transactionCount());
        }
        List<byte[]> txs = new ArrayList<>(Math.min(count, b.remaining() / 5 + 1));
        for (int i = 0; i < count; i++) {
            if (b.remaining() < 4) {
                return malformed("truncated before transaction " + i);
            }
            int length = b.getInt();
            if (length < 1 || length > LedgerTransaction.MAX_BYTES || b.remaining() < length) {
                return malformed("transaction " + i + " length " + Integer.toUnsignedString(length) + " or truncated");
            }
            txs.add(take(b, length));
        }
        if (b.hasRemaining()) {
            return malformed(b.remaining() + " bytes after the last transaction");
        }
        return Outcome.ok(
                FormatReason.OK,
                new Block(header.orElseThrow(), signature, coinbase.orElseThrow(), Collections.unmodifiableList(txs)));
    }

    private static byte[] take(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static Outcome<FormatReason, Block> malformed(String detail) {
        return Outcome.refuse(FormatReason.MALFORMED, detail);
    }

    /** True if the miner's signature over the header bytes verifies with {@code minerKey}. */
    public boolean isSignedBy(PublicKey minerKey) {
        return Signatures.verify(minerKey, header.bytes(), minerSignature);
    }

    /** The Merkle leaf values: the coinbase id, then each transaction id (computed once). */
    public List<Sha256Hash> leaves() {
        List<Sha256Hash> l = leaves;
        if (l == null) {
            l = leaves(coinbase, transactions);
            leaves = l;
        }
        return l;
    }

    /** The Merkle root of {@link #leaves()} (what the header must carry). */
    public Sha256Hash computeMerkleRoot() {
        return MerkleTree.root(leaves());
    }

    public BlockHeader header() {
        return header;
    }

    /** The block hash (the header's). */
    public Sha256Hash hash() {
        return header.hash();
    }

    public long height() {
        return header.height();
    }

    public byte[] minerSignature() {
        return minerSignature.clone();
    }

    public Coinbase coinbase() {
        return coinbase;
    }

    /** The transaction envelopes in block order (unmodifiable; do not change the arrays). */
    public List<byte[]> transactions() {
        return transactions;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Block other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    @Override
    public String toString() {
        return header + " with " + transactions.size() + " transaction(s)";
    }
}
