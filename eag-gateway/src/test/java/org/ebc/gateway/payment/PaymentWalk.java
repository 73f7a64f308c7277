package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * A seeded random walk over the payment core: settlements with random bills, transfers with right and
 * wrong nonces, amounts, bills, nodes and keys, co-signatures right and wrong, expiries, replays, two
 * transfers spending the same coins back to back, new nodes, allocations, mints, awards, and blocks taken
 * from the memory pool. After every step it checks the money against its own ledger, rebuilt only from
 * what entered the memory pool and what was minted ({@link WalkLedger}).
 */
final class PaymentWalk {
    final PaymentWorld w;
    private final SplittableRandom rnd;
    private final List<Party> wallets = new ArrayList<>();
    private final Map<NodeId, List<Party>> byNode = new HashMap<>();
    private final List<byte[]> sent = new ArrayList<>();
    private final Map<Refusal, Integer> refusals = new EnumMap<>(Refusal.class);
    private final Map<String, Integer> news = new HashMap<>();
    private final WalkLedger ledger;
    private int step;

    PaymentWalk(PaymentStore store, long seed) {
        this.w = new PaymentWorld(store, PaymentSettings.DEFAULTS, false);
        this.rnd = new SplittableRandom(seed);
        this.ledger = new WalkLedger(w);
        for (int i = 0; i < 6; i++) {
            newNode();
        }
    }

    void run(int steps) {
        for (int i = 0; i < steps; i++) {
            step = i;
            act();
            List<WalletAddress> addresses = new ArrayList<>();
            wallets.forEach(p -> addresses.add(p.address()));
            addresses.add(w.grid());
            ledger.check(addresses, i);
        }
    }

    int seen(Refusal r) {
        return refusals.getOrDefault(r, 0);
    }

    int seenNews(String reason) {
        return news.getOrDefault(reason, 0);
    }

    String stats() {
        return "refusals " + refusals + " news " + news;
    }

    int applied() {
        return ledger.applied();
    }

    private void act() {
        int dice = rnd.nextInt(100);
        if (dice < 5) {
            settleSlot();
        } else if (dice < 38) {
            payABill();
        } else if (dice < 63) {
            cosignATransfer();
        } else if (dice < 68) {
            spendTheSameCoinsTwice();
        } else if (dice < 73) {
            replay();
        } else if (dice < 81) {
            w.clock.advance(Duration.ofMillis(rnd.nextLong(180_000)));
            if (rnd.nextBoolean()) {
                note(w.payments.expire());
            }
        } else if (dice < 84) {
            // Coinbase rewards, to the grid account, a random wallet, or a payer that has a bill open.
            Party p = wallets.get(rnd.nextInt(wallets.size()));
            List<BillRecord> open = w.payments.bills(BillFilter.ALL.withStatus(BillStatus.OPEN));
            CoinAmount amount = CoinAmount.ofMinorUnits(1 + rnd.nextLong(300_000_000));
            WalletAddress to = rnd.nextInt(4) == 0
                    ? w.grid()
                    : rnd.nextBoolean() && !open.isEmpty()
                            ? open.get(rnd.nextInt(open.size())).bill().payer()
                            : p.address();
            // A few references only, so that the same mint comes again (idempotent) or conflicts.
            Outcome o = note(w.payments.mint("cb:" + rnd.nextInt(step / 50 + 2), to, amount));
            if (o.status() == Outcome.Status.APPLIED) {
                ledger.minted(to, amount);
            }
        } else if (dice < 86) {
            payAnAward();
        } else if (dice < 89) {
            if (rnd.nextBoolean() && wallets.size() < 60) {
                newNode();
            } else {
                Party p = wallets.get(rnd.nextInt(wallets.size()));
                if (rnd.nextBoolean() && wallets.size() < 60) {
                    add(w.anotherWallet(p));
                }
                note(w.payments.allocate(p.node()));
            }
        } else if (dice < 94) {
            takeABlock();
        } else {
            w.clock.advance(Duration.ofMillis(rnd.nextLong(5_000)));
        }
    }

    private void newNode() {
        Party p = w.unallocatedNode("n" + w.nodeCount());
        add(p);
        note(w.payments.allocate(p.node()));
    }

    private void add(Party p) {
        wallets.add(p);
        byNode.computeIfAbsent(p.node(), n -> new ArrayList<>()).add(p);
    }

    private Party other(Party p) {
        while (true) {
            Party q = wallets.get(rnd.nextInt(wallets.size()));
            if (!q.node().equals(p.node())) {
                return q;
            }
        }
    }

    private void settleSlot() {
        w.nextSlot();
        List<Bill> bills = new ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            Party a = wallets.get(rnd.nextInt(wallets.size()));
            long wh = 1 + rnd.nextLong(5_000);
            long price = rnd.nextInt(10) == 0 ? 0 : rnd.nextLong(50_000_000);
            int kind = rnd.nextInt(5);
            bills.add(
                    kind == 0
                            ? w.bill(Bill.GRID_IMPORT, a.address(), w.grid(), wh, price)
                            : kind == 1
                                    ? w.bill(Bill.GRID_EXPORT, w.grid(), a.address(), wh, price)
                                    : w.bill(Bill.P2P, a.address(), other(a).address(), wh, price));
        }
        note(w.settle(bills));
    }

    private Party owner(WalletAddress a) {
        for (Party p : wallets) {
            if (p.address().equals(a)) {
                return p;
            }
        }
        throw new AssertionError("no wallet " + a);
    }

    private void payABill() {
        List<BillRecord> open = w.payments.bills(BillFilter.ALL.withStatus(BillStatus.OPEN)).stream()
                .filter(b -> !b.bill().payer().equals(w.grid()))
                .toList();
        if (open.isEmpty()) {
            return;
        }
        Bill b = open.get(rnd.nextInt(open.size())).bill();
        Party payer = owner(b.payer());
        long nonce = w.payments.account(payer.address()).nextNonce();
        CoinAmount amount = b.amount();
        WalletAddress payee = b.payee();
        String id = b.id();
        NodeId from = payer.node();
        switch (rnd.nextInt(20)) {
            case 0 -> nonce = nonce + 1 + rnd.nextInt(3);
            case 1 -> nonce = Math.max(1, nonce - 1 - rnd.nextInt(3));
            case 2 -> amount = amount.plus(CoinAmount.ofMinorUnits(1));
            case 3 -> payee = other(payer).address();
            case 4 -> id = "unknown-" + rnd.nextInt(1000);
            case 5 -> from = other(payer).node();
            case 6 -> {
                sendForged(payer, nonce, payee, amount, id);
                return;
            }
            default -> {}
        }
        if (payee.equals(payer.address())) {
            return;
        }
        Transfer t = w.transfer(payer, nonce, payee, amount, id);
        byte[] raw = w.bytes(t, payer);
        sent.add(raw);
        note(w.submit(from, t, raw));
    }

    /** Real signatures here, whatever the world's mode: the edge's key and signature checks. */
    private void sendForged(Party payer, long nonce, WalletAddress payee, CoinAmount amount, String bill) {
        KeyPair thief = KeyPairs.generate();
        if (rnd.nextBoolean()) {
            Transfer forged =
                    new Transfer(payer.address(), nonce, w.clock.instant(), payee, amount, bill, thief.getPublic());
            note(w.payments.submitTransfer(payer.node(), forged.sign(thief.getPrivate())));
        } else {
            Transfer t = w.transfer(payer, nonce, payee, amount, bill);
            note(w.payments.submitTransfer(
                    payer.node(), EnvelopeCodec.sign(t.payloadBytes(), thief.getPrivate(), KeyId.of(t.key()))));
        }
    }

    private void cosignATransfer() {
        List<TransferRecord> live = w.payments.pendingTransfers().stream()
                .filter(t -> t.state() == TransferState.PENDING)
                .toList();
        if (live.isEmpty()) {
            return;
        }
        // Half the time a random one, half the time the one its payer needs next (sellers usually answer).
        TransferRecord t = live.get(rnd.nextInt(live.size()));
        if (rnd.nextBoolean()) {
            long next = w.payments.account(t.payer()).appliedNonce() + 1;
            for (TransferRecord x : live) {
                if (x.payer().equals(t.payer()) && x.nonce() == next) {
                    t = x;
                }
            }
        }
        if (t.payee().equals(w.grid())) {
            return;
        }
        Party payee = owner(t.payee());
        int dice = rnd.nextInt(20);
        if (dice == 0) {
            note(w.cosign(other(payee).node(), payee, t.raw()));
        } else if (dice == 1) {
            Party stranger = other(payee);
            note(w.cosign(stranger.node(), stranger, t.raw()));
        } else if (dice == 2) {
            // The payee's own signature over the wrong nonce: a co-signature for another transfer.
            org.ebc.payment.Cosign c = new org.ebc.payment.Cosign(
                    t.payee(),
                    t.nonce() + 1,
                    w.clock.instant(),
                    t.digest(),
                    t.payer(),
                    payee.wallet().getPublic());
            byte[] raw = EnvelopeCodec.assemble(c.payloadBytes(), KeyId.of(c.key()), PaymentWorld.UNCHECKED_SIGNATURE);
            note(w.payments.applyCosign(payee.node(), raw, c));
        } else {
            byte[] raw = w.cosignBytes(payee, t.raw());
            sent.add(raw);
            note(w.cosign(payee.node(), payee, t.raw()));
        }
    }

    /** Two transfers of one payer spending the same coins, one right after the other, in either order. */
    private void spendTheSameCoinsTwice() {
        Party payer = wallets.get(rnd.nextInt(wallets.size()));
        List<BillRecord> open =
                w.payments.bills(new BillFilter(Set.of(payer.address()), null, BillStatus.OPEN, null)).stream()
                        .filter(b -> b.bill().payer().equals(payer.address()))
                        .toList();
        if (open.size() < 2) {
            return;
        }
        Bill a = open.get(0).bill();
        Bill b = open.get(1).bill();
        long nonce = w.payments.account(payer.address()).nextNonce();
        boolean sameNonce = rnd.nextBoolean();
        Transfer ta = w.transfer(payer, nonce, a.payee(), a.amount(), a.id());
        Transfer tb = w.transfer(payer, sameNonce ? nonce : nonce + 1, b.payee(), b.amount(), b.id());
        byte[] ra = w.bytes(ta, payer);
        byte[] rb = w.bytes(tb, payer);
        sent.add(ra);
        sent.add(rb);
        Outcome first;
        Outcome second;
        if (rnd.nextBoolean()) {
            first = note(w.submit(payer.node(), ta, ra));
            second = note(w.submit(payer.node(), tb, rb));
        } else {
            first = note(w.submit(payer.node(), tb, rb));
            second = note(w.submit(payer.node(), ta, ra));
        }
        if (sameNonce) {
            assertThat(first.isRefused() || second.isRefused())
                    .as("step %d: two transfers with one nonce are never both admitted", step)
                    .isTrue();
        }
    }

    private void replay() {
        if (sent.isEmpty()) {
            return;
        }
        byte[] raw = sent.get(rnd.nextInt(sent.size()));
        Party signer = owner(
                Transfer.TYPE.equals(typeOf(raw))
                        ? TransferRecord.decode(raw).payer()
                        : org.ebc.wallet.WalletAddress.tryParse(fromOf(raw)).orElseThrow());
        if (Transfer.TYPE.equals(typeOf(raw))) {
            note(w.submit(signer.node(), TransferRecord.decode(raw), raw));
        } else {
            // A co-signature sent again: through the raw entry point, whose parse finds its transfer.
            var framed =
                    EnvelopeCodec.parsePayload(EnvelopeCodec.frame(raw, 4096).envelope());
            var c = org.ebc.payment.Cosign.from(framed.envelope()).value();
            note(w.payments.applyCosign(signer.node(), raw, c));
        }
        if (sent.size() > 2_000) {
            sent.subList(0, 1_000).clear();
        }
    }

    private static String typeOf(byte[] raw) {
        return EnvelopeCodec.parsePayload(EnvelopeCodec.frame(raw, 4096).envelope())
                .envelope()
                .type();
    }

    private static String fromOf(byte[] raw) {
        return EnvelopeCodec.parsePayload(EnvelopeCodec.frame(raw, 4096).envelope())
                .envelope()
                .from();
    }

    private void payAnAward() {
        for (Award a : w.payments.awards()) {
            if (!a.paid()) {
                Outcome o = note(
                        w.payments.payAward(a.period(), "award:" + a.period().toEpochMilli()));
                if (o.status() == Outcome.Status.APPLIED) {
                    ledger.minted(a.to(), a.amount());
                }
                return;
            }
        }
    }

    private void takeABlock() {
        List<PoolEntry> block = w.payments.memoryPool().nextForBlock(1 + rnd.nextInt(40));
        List<String> ids = block.stream().map(PoolEntry::id).toList();
        assertThat(w.payments.memoryPool().committed(ids)).isEqualTo(ids.size());
    }

    private Outcome note(Outcome o) {
        if (o.refusal() != null) {
            refusals.merge(o.refusal(), 1, Integer::sum);
        }
        for (Notice n : o.notices()) {
            if (n instanceof Notice.Reply r && r.status() == org.ebc.trade.Receipt.Status.REFUSED) {
                news.merge(r.reason(), 1, Integer::sum);
            }
        }
        return o;
    }
}
