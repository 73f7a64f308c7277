package org.ebc.gateway.bench;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.gateway.ledger.ConsortiumNode;
import org.ebc.ledger.Block;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.TxBody;
import org.ebc.payment.Cosign;
import org.ebc.payment.Transfer;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * One EAG's share of {@code consortium bench --nodes M}: its nodes (wallet keys made here, registered at it as their
 * home EAG) first take their genesis allocations, then every node pays the next node of the same EAG one minor unit
 * per block this EAG mines: real transfers, each signed by the payer's wallet key, co-signed by the payee's and
 * admitted (signed) by the EAG, as the gateway's memory pool would offer them. Synthetic: no meter reads, no market
 * clears, so the figure is the chain's and consensus's throughput with real transactions, not the microgrid's.
 *
 * <p>One batch is offered at a time, until a committed block holds it (a payer's next transfer needs the nonce after
 * the last one committed). Thread-safe: the miner asks, the consensus thread reports commits.
 */
final class SyntheticTraffic implements ConsortiumNode.PendingTransactions, ConsortiumNode.CommitListener {
    /** A node of the bench: its id and wallet. */
    record Node(NodeId id, KeyPair wallet) {
        WalletAddress address() {
            return WalletAddress.of(wallet.getPublic());
        }
    }

    private final EagId eag;
    private final KeyPair eagKeys;
    private final Genesis genesis;
    private final List<Node> nodes;
    private final Map<NodeId, Long> nonces = new HashMap<>();
    private final AtomicLong committed = new AtomicLong();
    private List<LedgerTransaction> batch = List.of();
    private boolean allocated;
    private long seq;

    SyntheticTraffic(EagId eag, KeyPair eagKeys, Genesis genesis, List<Node> nodes) {
        this.eag = eag;
        this.eagKeys = eagKeys;
        this.genesis = genesis;
        this.nodes = List.copyOf(nodes);
    }

    /** {@code count} nodes named {@code prefix-1 …}, each with a fresh wallet key. */
    static List<Node> nodes(String prefix, int count) {
        List<Node> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(new Node(NodeId.of(prefix + "-" + i), KeyPairs.generate()));
        }
        return out;
    }

    @Override
    public synchronized List<LedgerTransaction> candidates() {
        if (batch.isEmpty() && !nodes.isEmpty() && !(allocated && nodes.size() < 2)) {
            batch = allocated ? transfers() : allocations();
        }
        return batch;
    }

    @Override
    public synchronized void committed(Block block, org.ebc.consensus.CertifiedBlock certified) {
        if (batch.isEmpty()) {
            return;
        }
        java.util.Set<Sha256Hash> ids = new java.util.HashSet<>();
        for (byte[] t : block.transactions()) {
            ids.add(Sha256Hash.of(t));
        }
        List<LedgerTransaction> left = new ArrayList<>();
        for (LedgerTransaction t : batch) {
            if (!ids.contains(t.id())) {
                left.add(t);
                continue;
            }
            committed.incrementAndGet();
            if (t.body() instanceof TxBody.TransferTx x) {
                nonces.put(payerOf(x), x.transfer().nonce() + 1);
            }
        }
        if (left.isEmpty()) {
            allocated = true;
        }
        batch = List.copyOf(left);
    }

    private NodeId payerOf(TxBody.TransferTx x) {
        for (Node n : nodes) {
            if (n.address().equals(x.transfer().payer())) {
                return n.id();
            }
        }
        throw new IllegalStateException("a transfer of a node not of this EAG");
    }

    /** Transactions of this EAG's batches committed so far. */
    long committed() {
        return committed.get();
    }

    private List<LedgerTransaction> allocations() {
        List<LedgerTransaction> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Node n : nodes) {
            out.add(admit(
                    new TxBody.AllocationTx(n.address(), genesis.allocation().amountFor(n.id()), n.id()), now));
        }
        return out;
    }

    private List<LedgerTransaction> transfers() {
        List<LedgerTransaction> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        // A lone node of an EAG has no one of its EAG to pay.
        for (int i = 0; nodes.size() > 1 && i < nodes.size(); i++) {
            Node payer = nodes.get(i);
            Node payee = nodes.get((i + 1) % nodes.size());
            long nonce = nonces.getOrDefault(payer.id(), 1L);
            Transfer t = new Transfer(
                    payer.address(),
                    nonce,
                    Instant.ofEpochMilli(now),
                    payee.address(),
                    CoinAmount.ofMinorUnits(1),
                    "bench-" + payer.id() + "-" + nonce,
                    payer.wallet().getPublic());
            byte[] signed = t.sign(payer.wallet().getPrivate());
            byte[] cosign = Cosign.of(t, Sha256.hex(signed), payee.wallet().getPublic(), Instant.ofEpochMilli(now))
                    .sign(payee.wallet().getPrivate());
            out.add(admit(TxBody.TransferTx.of(signed, cosign), now));
        }
        return out;
    }

    private LedgerTransaction admit(TxBody body, long now) {
        byte[] raw = LedgerTransaction.sign(eag, ++seq, now, body, eagKeys);
        return LedgerTransaction.verify(raw, genesis::memberByKeyId).orElseThrow();
    }
}
