package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Sha256Hash;
import org.ebc.testing.TestConsortium;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;

/** What other EAGs pass on is verified, held in their admission order until committed, and framed losslessly. */
class PeerTransactionsTest {
    static final TestConsortium C = TestConsortium.create(2, 4);
    static final long T = TestConsortium.GENESIS_TIME.toEpochMilli() + 60_000;
    static final EagId EAG1 = C.eag(1).id();
    static final EagId EAG2 = C.eag(2).id();

    final PeerTransactions peers = new PeerTransactions(EAG1, C.genesis(), 3, 1_000);

    static TestConsortium.Node at(EagId eag, int which) {
        return C.nodes().stream().filter(n -> n.home().equals(eag)).toList().get(which);
    }

    @Test
    void aTransactionOfThePeerThatAdmittedItIsHeldOnceAndForgottenWhenCommitted() {
        byte[] raw = C.allocationTx(at(EAG2, 0), T);

        assertThat(peers.offer(raw, EAG2, T)).isEqualTo(PeerTransactions.Verdict.ADDED);
        assertThat(peers.offer(raw, EAG2, T)).isEqualTo(PeerTransactions.Verdict.KNOWN);
        assertThat(peers.candidates(T)).extracting(LedgerTransaction::id).containsExactly(Sha256Hash.of(raw));

        peers.committed(Set.of(Sha256Hash.of(raw)));
        assertThat(peers.size()).isZero();
    }

    @Test
    void aTransactionPassedOnByAnotherEagThanItsAdmitterOrOurOwnOrDamagedIsNotHeld() {
        byte[] theirs = C.allocationTx(at(EAG2, 0), T);
        byte[] ours = C.allocationTx(at(EAG1, 0), T);
        byte[] damaged = theirs.clone();
        damaged[damaged.length - 12] ^= 0x01;

        assertThat(peers.offer(ours, EAG2, T)).isEqualTo(PeerTransactions.Verdict.NOT_FROM_SENDER);
        assertThat(peers.offer(ours, EAG1, T)).isEqualTo(PeerTransactions.Verdict.KNOWN);
        assertThat(peers.offer(damaged, EAG2, T)).isEqualTo(PeerTransactions.Verdict.REFUSED);
        assertThat(peers.size()).isZero();
        assertThat(peers.count(PeerTransactions.Verdict.REFUSED)).isEqualTo(1);
    }

    @Test
    void theMinerGetsThemInTheirAdmissionOrderAtMostCapacityAndNotPastTheirAge() {
        TestConsortium.Node payer = at(EAG2, 0);
        byte[] first = C.allocationTx(payer, T);
        byte[] second = C.transferTx(payer, 1, at(EAG1, 0), CoinAmount.ofCoins(1), T + 1);
        byte[] third = C.transferTx(payer, 2, at(EAG1, 0), CoinAmount.ofCoins(1), T + 2);
        byte[] fourth = C.transferTx(payer, 3, at(EAG1, 0), CoinAmount.ofCoins(1), T + 3);

        peers.offer(third, EAG2, T);
        peers.offer(first, EAG2, T + 500);
        peers.offer(second, EAG2, T + 500);
        assertThat(peers.offer(fourth, EAG2, T + 500)).isEqualTo(PeerTransactions.Verdict.FULL);

        assertThat(peers.candidates(T + 500))
                .extracting(LedgerTransaction::id)
                .containsExactly(Sha256Hash.of(first), Sha256Hash.of(second), Sha256Hash.of(third));
        assertThat(peers.candidates(T + 1_200))
                .as("the one received at T is past its age")
                .extracting(LedgerTransaction::id)
                .containsExactly(Sha256Hash.of(first), Sha256Hash.of(second));
    }

    @Test
    void framesCarryEachTransactionsExactBytesAndSplitUnderTheirLimit() {
        List<byte[]> raws = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            raws.add(C.transferTx(at(EAG2, 0), i + 1, at(EAG1, 0), CoinAmount.ofMinorUnits(1), T + i));
        }
        List<byte[]> frames = TransactionBatch.encode(raws);

        assertThat(frames)
                .hasSizeGreaterThan(1)
                .allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(TransactionBatch.MAX_BYTES));
        List<byte[]> back = new ArrayList<>();
        frames.forEach(f -> back.addAll(TransactionBatch.decode(f).orElseThrow()));
        assertThat(back).hasSize(400);
        for (int i = 0; i < 400; i++) {
            assertThat(back.get(i)).isEqualTo(raws.get(i));
        }
        assertThat(TransactionBatch.decode(new byte[] {0, 0, 0, 9, 1})).isEmpty();
        assertThat(TransactionBatch.decode(new byte[] {0, 0})).isEmpty();
        assertThat(TransactionBatch.decode(new byte[0])).isEmpty();
        assertThat(TransactionBatch.decode(new byte[] {(byte) 0xFF, 0, 0, 0})).isEmpty();
    }
}
