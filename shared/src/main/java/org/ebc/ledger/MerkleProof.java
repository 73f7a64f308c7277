package org.ebc.ledger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.json.StrictJson;

/**
 * That one leaf value is in a tree with a given root ({@link MerkleTree}): the leaf's index, the number of
 * leaves and the sibling hashes from the bottom up (RFC 6962's audit path; a node carried up unpaired
 * contributes none). To check it, start from {@code h = SHA-256(0x00 ‖ leaf)}, {@code i = index},
 * {@code n = size}; while {@code n > 1}: if {@code i} is odd, {@code h = SHA-256(0x01 ‖ next ‖ h)}; else if
 * {@code i + 1 < n}, {@code h = SHA-256(0x01 ‖ h ‖ next)}; else take nothing; then {@code i = ⌊i/2⌋},
 * {@code n = ⌈n/2⌉}. The proof holds if every sibling was used and {@code h} is the root, and {@code size}
 * is the block header's transaction count + 1 ({@link #provesIn}): the root alone does not fix the size.
 *
 * <p>JSON form ({@link #write}, {@link #read}): {@code {"index":i,"size":n,"path":["<64 hex>", …]}}.
 *
 * @param index the leaf's position (0 = the coinbase, k = the block's k-th transaction)
 * @param size the number of leaves (the block's transactions + 1)
 * @param path sibling hashes, bottom up
 */
public record MerkleProof(int index, int size, List<Sha256Hash> path) {
    /** More levels than any block can have (2^32 leaves). */
    public static final int MAX_PATH = 32;

    public MerkleProof {
        path = List.copyOf(path);
        if (size < 1 || index < 0 || index >= size || path.size() > MAX_PATH) {
            throw new IllegalArgumentException("not a proof shape: leaf " + index + " of " + size);
        }
    }

    /** The root this proof leads to from {@code leaf}; empty if the path has the wrong length for its shape. */
    public Optional<Sha256Hash> rootFrom(Sha256Hash leaf) {
        Sha256Hash h = MerkleTree.leafNode(leaf);
        long i = index;
        long n = size;
        int k = 0;
        while (n > 1) {
            if ((i & 1) == 1) {
                if (k == path.size()) {
                    return Optional.empty();
                }
                h = MerkleTree.node(path.get(k++), h);
            } else if (i + 1 < n) {
                if (k == path.size()) {
                    return Optional.empty();
                }
                h = MerkleTree.node(h, path.get(k++));
            }
            i >>= 1;
            n = (n + 1) >> 1;
        }
        return k == path.size() ? Optional.of(h) : Optional.empty();
    }

    /** True if {@code leaf} is at {@link #index} of a tree of {@link #size} leaves with this {@code root}. */
    public boolean proves(Sha256Hash leaf, Sha256Hash root) {
        return rootFrom(leaf).map(root::equals).orElse(false);
    }

    /**
     * True if {@code leaf} is at {@link #index} of the block with this header: the proof's size is the
     * header's transaction count + 1 and the path leads to the header's Merkle root. Check proofs this way:
     * a root alone does not fix the tree's size (see {@link BlockHeader}).
     */
    public boolean provesIn(BlockHeader header, Sha256Hash leaf) {
        return size == header.transactionCount() + 1 && proves(leaf, header.merkleRoot());
    }

    /** Writes the JSON object form. */
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", index);
        g.writeNumberField("size", size);
        g.writeArrayFieldStart("path");
        for (Sha256Hash h : path) {
            g.writeString(h.hex());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public byte[] toJson() {
        return StrictJson.write(this::write);
    }

    /** Reads the JSON object form; empty if it is not one. Never throws. */
    public static Optional<MerkleProof> read(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 3) {
            return Optional.empty();
        }
        Long index = StrictJson.wholeNumber(node, "index");
        Long size = StrictJson.wholeNumber(node, "size");
        JsonNode path = node.get("path");
        if (index == null || size == null || path == null || !path.isArray() || path.size() > MAX_PATH) {
            return Optional.empty();
        }
        if (size < 1 || size > Integer.MAX_VALUE || index < 0 || index >= size) {
            return Optional.empty();
        }
        List<Sha256Hash> hashes = new ArrayList<>();
        for (JsonNode h : path) {
            Optional<Sha256Hash> parsed = Sha256Hash.parseHex(h.isTextual() ? h.textValue() : null);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            hashes.add(parsed.get());
        }
        return Optional.of(new MerkleProof(index.intValue(), size.intValue(), hashes));
    }

    public static Optional<MerkleProof> fromJson(byte[] json) {
        return StrictJson.parseObject(json).flatMap(MerkleProof::read);
    }
}
