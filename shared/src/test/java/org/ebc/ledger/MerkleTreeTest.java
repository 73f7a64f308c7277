package org.ebc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;

/** The block Merkle tree is RFC 6962's; proofs hold for every leaf of every size and fail when anything is changed. */
class MerkleTreeTest {

    static List<Sha256Hash> leaves(int n) {
        List<Sha256Hash> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sha256Hash.of(("tx " + i).getBytes(StandardCharsets.US_ASCII)));
        }
        return out;
    }

    /** RFC 6962 §2.1, written from its definition (recursive split at the largest power of two below n). */
    static byte[] mth(List<Sha256Hash> d) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        if (d.size() == 1) {
            sha.update((byte) 0);
            sha.update(d.get(0).bytes());
            return sha.digest();
        }
        int k = Integer.highestOneBit(d.size() - 1);
        byte[] left = mth(d.subList(0, k));
        byte[] right = mth(d.subList(k, d.size()));
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    @Test
    void theRootIsRfc6962sTreeHeadForEverySizeFromOneToSixtyFive() throws Exception {
        for (int n = 1; n <= 65; n++) {
            List<Sha256Hash> l = leaves(n);
            assertThat(MerkleTree.root(l).bytes()).as("size %d", n).isEqualTo(mth(l));
        }
    }

    @Test
    void everyLeafOfEveryTreeFromOneToThirtyThreeLeavesHasAProofThatHolds() {
        for (int n = 1; n <= 33; n++) {
            List<Sha256Hash> l = leaves(n);
            Sha256Hash root = MerkleTree.root(l);
            for (int i = 0; i < n; i++) {
                MerkleProof p = MerkleTree.prove(l, i);
                assertThat(p.index()).isEqualTo(i);
                assertThat(p.size()).isEqualTo(n);
                assertThat(p.path().size()).isLessThanOrEqualTo(32 - Integer.numberOfLeadingZeros(n - 1) + 1);
                assertThat(p.proves(l.get(i), root)).as("leaf %d of %d", i, n).isTrue();
            }
        }
    }

    @Test
    void aProofFailsForAnotherLeafAnotherPositionAnotherSizeOrAChangedPath() {
        for (int n = 1; n <= 33; n++) {
            List<Sha256Hash> l = leaves(n);
            Sha256Hash root = MerkleTree.root(l);
            for (int i = 0; i < n; i++) {
                MerkleProof p = MerkleTree.prove(l, i);
                Sha256Hash other = Sha256Hash.of(("not tx " + i).getBytes(StandardCharsets.US_ASCII));
                assertThat(p.proves(other, root)).isFalse();
                if (n > 1) {
                    assertThat(p.proves(l.get((i + 1) % n), root)).isFalse();
                    assertThat(new MerkleProof((i + 1) % n, n, p.path()).proves(l.get(i), root))
                            .as("leaf %d of %d at another index", i, n)
                            .isFalse();
                }
                assertThat(new MerkleProof(i, n + 1, p.path()).provesIn(header(root, n - 1), l.get(i)))
                        .isFalse();
                assertThat(p.provesIn(header(root, n - 1), l.get(i))).isTrue();
                for (int k = 0; k < p.path().size(); k++) {
                    List<Sha256Hash> changed = new ArrayList<>(p.path());
                    byte[] b = changed.get(k).bytes();
                    b[k % 32] ^= 0x40;
                    changed.set(k, Sha256Hash.wrap(b));
                    assertThat(new MerkleProof(i, n, changed).proves(l.get(i), root))
                            .isFalse();
                    List<Sha256Hash> shorter = new ArrayList<>(p.path());
                    shorter.remove(k);
                    assertThat(new MerkleProof(i, n, shorter).rootFrom(l.get(i)))
                            .isEmpty();
                }
                List<Sha256Hash> longer = new ArrayList<>(p.path());
                longer.add(root);
                assertThat(new MerkleProof(i, n, longer).rootFrom(l.get(i))).isEmpty();
                assertThat(p.proves(l.get(i), Sha256Hash.of(root.bytes()))).isFalse();
            }
        }
    }

    static BlockHeader header(Sha256Hash root, int transactions) {
        return new BlockHeader(
                Sha256Hash.ZERO, 1, Sha256Hash.ZERO, 0, root, transactions, Target.EASIEST, EagId.of("eag-1"), 0);
    }

    @Test
    void aRootAloneDoesNotFixTheTreeSizeSoProofsAreCheckedAgainstTheHeadersCount() {
        List<Sha256Hash> five = leaves(5);
        Sha256Hash root = MerkleTree.root(five);
        MerkleProof last = MerkleTree.prove(five, 4);
        MerkleProof posing = new MerkleProof(2, 3, last.path());
        MerkleProof first = MerkleTree.prove(five, 0);
        MerkleProof firstOfSix = new MerkleProof(0, 6, first.path());

        // RFC 6962 audit paths alone: the last of five leaves also "is" leaf 2 of 3, leaf 0 of 5 also leaf 0 of 6.
        assertThat(posing.proves(five.get(4), root)).isTrue();
        assertThat(firstOfSix.proves(five.get(0), root)).isTrue();
        BlockHeader h = header(root, 4);
        assertThat(last.provesIn(h, five.get(4))).isTrue();
        assertThat(first.provesIn(h, five.get(0))).isTrue();
        assertThat(posing.provesIn(h, five.get(4))).isFalse();
        assertThat(firstOfSix.provesIn(h, five.get(0))).isFalse();
    }

    @Test
    void repeatingTheLastLeafChangesTheRootUnlikeBitcoinsTree() {
        List<Sha256Hash> three = leaves(3);
        List<Sha256Hash> four = new ArrayList<>(three);
        four.add(three.get(2));

        assertThat(MerkleTree.root(three)).isNotEqualTo(MerkleTree.root(four));
        List<Sha256Hash> five = leaves(5);
        List<Sha256Hash> six = new ArrayList<>(five);
        six.add(five.get(4));
        assertThat(MerkleTree.root(five)).isNotEqualTo(MerkleTree.root(six));
    }

    @Test
    void anInnerNodeCannotBePassedOffAsALeafOfAShorterTree() {
        List<Sha256Hash> four = leaves(4);
        Sha256Hash root = MerkleTree.root(four);
        Sha256Hash left = MerkleTree.node(MerkleTree.leafNode(four.get(0)), MerkleTree.leafNode(four.get(1)));
        Sha256Hash right = MerkleTree.node(MerkleTree.leafNode(four.get(2)), MerkleTree.leafNode(four.get(3)));

        // The pair [left, right] as a two-leaf tree: the leaf prefix makes its root differ from the real root.
        assertThat(MerkleTree.root(List.of(left, right))).isNotEqualTo(root);
        assertThat(new MerkleProof(0, 2, List.of(right)).proves(left, root)).isFalse();
        assertThat(MerkleTree.node(left, right)).isEqualTo(root);
    }

    @Test
    void aOneLeafTreeHasAnEmptyPathAndItsRootIsTheLeafNode() {
        List<Sha256Hash> one = leaves(1);
        MerkleProof p = MerkleTree.prove(one, 0);

        assertThat(p.path()).isEmpty();
        assertThat(MerkleTree.root(one)).isEqualTo(MerkleTree.leafNode(one.get(0)));
        assertThat(p.proves(one.get(0), MerkleTree.root(one))).isTrue();
    }

    @Test
    void aProofRoundTripsThroughItsJsonFormAndDamagedJsonIsNoProof() {
        List<Sha256Hash> l = leaves(11);
        MerkleProof p = MerkleTree.prove(l, 6);
        byte[] json = p.toJson();

        assertThat(MerkleProof.fromJson(json)).contains(p);
        assertThat(new String(json, StandardCharsets.US_ASCII)).startsWith("{\"index\":6,\"size\":11,\"path\":[\"");
        String s = new String(json, StandardCharsets.US_ASCII);
        for (String bad : new String[] {
            s.replace("\"index\":6", "\"index\":11"),
            s.replace("\"index\":6", "\"index\":-1"),
            s.replace("\"size\":11", "\"size\":0"),
            s.replace("\"path\":[\"", "\"path\":[\"0"),
            s.replace("}", ",\"x\":1}"),
            s.replace("\"index\":6", "\"index\":6.5"),
            "[]",
        }) {
            assertThat(MerkleProof.fromJson(bad.getBytes(StandardCharsets.US_ASCII)))
                    .as(bad)
                    .isEqualTo(Optional.empty());
        }
    }
}
