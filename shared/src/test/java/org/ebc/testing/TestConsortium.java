package org.ebc.testing;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.GenesisBuilder;
import org.ebc.ledger.GenesisReason;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Outcome;
import org.ebc.ledger.Target;
import org.ebc.ledger.TxBody;
import org.ebc.payment.Cosign;
import org.ebc.payment.Transfer;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * A throw-away consortium for ledger tests: a real authority, EAGs with real keys and certificates, nodes
 * with one wallet key each (enrolled round-robin at the EAGs), and a genesis signed by the authority with a
 * low difficulty (8 leading zero bits: about 256 hashes a block). Helpers write real signed transfers,
 * cosigns and admissions. Not thread-safe.
 */
public final class TestConsortium {
    /** 2026-11-21T08:00:00Z, the genesis time of every test consortium. */
    public static final Instant GENESIS_TIME = Instant.parse("2026-11-21T08:00:00Z");

    private final TestAuthority authority;
    private final Map<EagId, Eag> eags = new LinkedHashMap<>();
    private final Map<NodeId, Node> nodes = new LinkedHashMap<>();
    private final byte[] genesisBytes;
    private final Genesis genesis;
    private final Map<EagId, Long> seqs = new LinkedHashMap<>();

    /** An EAG of the test consortium. */
    public record Eag(EagId id, KeyPair keys, TestAuthority.Issued issued) {
        public WalletAddress address() {
            return WalletAddress.of(keys.getPublic());
        }
    }

    /** A node with one wallet key pair, enrolled at {@code home}. */
    public record Node(NodeId id, EagId home, KeyPair wallet) {
        public WalletAddress address() {
            return WalletAddress.of(wallet.getPublic());
        }
    }

    private TestConsortium(int eagCount, int nodeCount, Consumer<GenesisBuilder> tweak) {
        authority = TestAuthority.create("test-authority", GENESIS_TIME);
        GenesisBuilder b = Genesis.builder()
                .consortium("test consortium")
                .time(GENESIS_TIME)
                .initialTarget(Target.ofLeadingZeroBits(8))
                .maxTarget(Target.ofLeadingZeroBits(4));
        for (int i = 1; i <= eagCount; i++) {
            EagId id = EagId.of("eag-" + i);
            TestAuthority.Issued issued = authority.eag(id.value());
            eags.put(id, new Eag(id, issued.keys(), issued));
            b.eag(id, issued.certificate());
        }
        List<EagId> ids = new ArrayList<>(eags.keySet());
        for (int i = 1; i <= nodeCount; i++) {
            NodeId id = NodeId.of("node-" + i);
            nodes.put(id, new Node(id, ids.get((i - 1) % ids.size()), KeyPairs.generate()));
        }
        tweak.accept(b);
        genesisBytes = b.sign(authority.rootKeys(), authority.root());
        Outcome<GenesisReason, Genesis> g = Genesis.verify(genesisBytes, authority.root());
        genesis = g.orElseThrow();
    }

    public static TestConsortium create(int eags, int nodes) {
        return new TestConsortium(eags, nodes, b -> {});
    }

    /** A consortium whose genesis {@code tweak} adjusts before it is signed. */
    public static TestConsortium create(int eags, int nodes, Consumer<GenesisBuilder> tweak) {
        return new TestConsortium(eags, nodes, tweak);
    }

    public TestAuthority authority() {
        return authority;
    }

    public Genesis genesis() {
        return genesis;
    }

    public byte[] genesisBytes() {
        return genesisBytes.clone();
    }

    public List<Eag> eags() {
        return List.copyOf(eags.values());
    }

    public Eag eag(EagId id) {
        Eag e = eags.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no EAG " + id);
        }
        return e;
    }

    public Eag eag(int oneBased) {
        return eag(EagId.of("eag-" + oneBased));
    }

    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public Node node(int oneBased) {
        Node n = nodes.get(NodeId.of("node-" + oneBased));
        if (n == null) {
            throw new IllegalArgumentException("no node-" + oneBased);
        }
        return n;
    }

    /** The next admission sequence of {@code eag}. */
    public long nextSeq(EagId eag) {
        long s = seqs.getOrDefault(eag, 0L) + 1;
        seqs.put(eag, s);
        return s;
    }

    /** {@code eag} admits {@code body}, with its next sequence number, at {@code ts}. */
    public byte[] admit(EagId eag, TxBody body, long ts) {
        return LedgerTransaction.sign(eag, nextSeq(eag), ts, body, eag(eag).keys());
    }

    /** A signed transfer and its cosign by the payee's key (the {@code org.ebc.payment} formats). */
    public TxBody.TransferTx transferBody(
            KeyPair payer, long nonce, KeyPair payee, CoinAmount amount, String bill, long ts) {
        Transfer transfer = new Transfer(
                WalletAddress.of(payer.getPublic()),
                nonce,
                Instant.ofEpochMilli(ts),
                WalletAddress.of(payee.getPublic()),
                amount,
                bill,
                payer.getPublic());
        byte[] t = transfer.sign(payer.getPrivate());
        byte[] c = Cosign.of(transfer, Sha256.hex(t), payee.getPublic(), Instant.ofEpochMilli(ts + 1))
                .sign(payee.getPrivate());
        return TxBody.TransferTx.of(t, c);
    }

    /** A transfer between two nodes, admitted by the payer's home EAG. */
    public byte[] transferTx(Node payer, long nonce, Node payee, CoinAmount amount, long ts) {
        return admit(
                payer.home(),
                transferBody(payer.wallet(), nonce, payee.wallet(), amount, "bill-" + payer.id() + "-" + nonce, ts),
                ts + 2);
    }

    /** The node's genesis allocation, admitted by its home EAG. */
    public byte[] allocationTx(Node node, long ts) {
        return admit(
                node.home(),
                new TxBody.AllocationTx(node.address(), genesis.allocation().amountFor(node.id()), node.id()),
                ts);
    }
}
