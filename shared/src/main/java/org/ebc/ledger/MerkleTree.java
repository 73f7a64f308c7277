package org.ebc.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of a block: the tree of RFC 6962 (Certificate Transparency, §2.1) over the block's leaf
 * values (the coinbase id, then each transaction id, each the SHA-256 of its exact bytes):
 *
 * <pre>
 *   leaf node  = SHA-256(0x00 ‖ leaf value)                 (33 bytes hashed)
 *   inner node = SHA-256(0x01 ‖ left ‖ right)               (65 bytes hashed)
 *   MTH(d[0..n)) = inner(MTH(d[0..k)), MTH(d[k..n)))  with k the largest power of two below n
 * </pre>
 *
 * Built level by level: pairs are hashed left to right, and an odd node at the end of a level is carried up
 * unchanged (never paired with a copy of itself), which gives exactly RFC 6962's tree.
 *
 * <p><b>Why not Bitcoin's tree.</b> Bitcoin pairs an odd last node with itself, so the lists {@code [a,b,c]}
 * and {@code [a,b,c,c]} have the same root (CVE-2012-2459): a block could be "the same" with a transaction
 * repeated. Carrying the node up instead gives the two lists different roots. The prefixes 0x00 and 0x01
 * keep the two kinds of node apart: without them a 64-byte pair of inner hashes could be presented as a
 * leaf (a second preimage of the root for a tree that is one level shorter).
 *
 * <p>Stateless and thread-safe.
 */
public final class MerkleTree {
    static final byte LEAF = 0x00;
    static final byte NODE = 0x01;

    private MerkleTree() {}

    /** The root over {@code leaves} (at least one: every block has its coinbase). */
    public static Sha256Hash root(List<Sha256Hash> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a block's tree has at least one leaf (the coinbase)");
        }
        Sha256Hash[] level = new Sha256Hash[leaves.size()];
        for (int i = 0; i < level.length; i++) {
            level[i] = leafNode(leaves.get(i));
        }
        int n = level.length;
        while (n > 1) {
            int up = 0;
            for (int i = 0; i + 1 < n; i += 2) {
                level[up++] = node(level[i], level[i + 1]);
            }
            if ((n & 1) == 1) {
                level[up++] = level[n - 1];
            }
            n = up;
        }
        return level[0];
    }

    /** The audit path of leaf {@code index} among {@code leaves}. */
    public static MerkleProof prove(List<Sha256Hash> leaves, int index) {
        if (index < 0 || index >= leaves.size()) {
            throw new IllegalArgumentException("leaf " + index + " of " + leaves.size());
        }
        List<Sha256Hash> level = new ArrayList<>(leaves.size());
        for (Sha256Hash l : leaves) {
            level.add(leafNode(l));
        }
        List<Sha256Hash> path = new ArrayList<>();
        int at = index;
        while (level.size() > 1) {
            int sibling = (at & 1) == 1 ? at - 1 : at + 1;
            if (sibling < level.size()) {
                path.add(level.get(sibling));
            }
            List<Sha256Hash> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                up.add(node(level.get(i), level.get(i + 1)));
            }
            if ((level.size() & 1) == 1) {
                up.add(level.get(level.size() - 1));
            }
            level = up;
            at >>= 1;
        }
        return new MerkleProof(index, leaves.size(), path);
    }

    static Sha256Hash leafNode(Sha256Hash leaf) {
        return Sha256Hash.ofPrefixed(LEAF, leaf, null);
    }

    static Sha256Hash node(Sha256Hash left, Sha256Hash right) {
        return Sha256Hash.ofPrefixed(NODE, left, right);
    }
}
