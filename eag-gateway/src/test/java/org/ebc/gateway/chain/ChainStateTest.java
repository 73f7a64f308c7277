package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ebc.ledger.Sha256Hash;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

/** The in-memory chain state is a value: applying a block gives a new state and leaves the old one as it was. */
class ChainStateTest {

    @Test
    void applyingABlockLeavesTheStateBeforeItUnchanged() {
        ChainFixture f = ChainFixture.standard();
        InMemoryChainState genesis = f.state;
        f.funded();
        InMemoryChainState one = f.state;
        byte[] pay = f.c.transferTx(f.c.node(1), 1, f.c.node(2), CoinAmount.ofCoins(3), f.tipTime());
        f.commit(f.draft(pay).build());
        InMemoryChainState two = f.state;

        assertThat(genesis.height()).isZero();
        assertThat(genesis.tipHash()).isEqualTo(f.genesis().hash());
        assertThat(genesis.balance(f.c.node(1).address())).isEqualTo(CoinAmount.ZERO);
        assertThat(genesis.supply()).isEqualTo(CoinAmount.ZERO);
        assertThat(one.height()).isEqualTo(1);
        assertThat(one.balance(f.c.node(1).address())).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(one.nonce(f.c.node(1).address())).isZero();
        assertThat(one.hasTransaction(Sha256Hash.of(pay))).isFalse();
        assertThat(two.balance(f.c.node(1).address())).isEqualTo(CoinAmount.ofCoins(17));
        assertThat(two.nonce(f.c.node(1).address())).isEqualTo(1);
        assertThat(two.hasTransaction(Sha256Hash.of(pay))).isTrue();
        assertThat(two.header(1)).contains(one.header(1).orElseThrow());
        assertThat(two.header(2).orElseThrow().hash()).isEqualTo(two.tipHash());
        assertThat(two.header(3)).isEmpty();
        assertThat(two.header(0)).isEmpty();
        assertThat(two.supply()).isEqualTo(CoinAmount.ofCoins(4 * 20 + 2));
        assertThat(one.allocated(f.c.node(4).id())).isTrue();
        assertThat(genesis.allocated(f.c.node(4).id())).isFalse();
    }

    @Test
    void effectsOfABlockThatDoesNotFollowTheTipAreRefused() {
        ChainFixture f = ChainFixture.standard();
        InMemoryChainState genesis = f.state;
        f.funded();
        BlockEffects second = f.validate(f.draft().build()).effectsOrThrow();

        assertThatThrownBy(() -> genesis.apply(second)).isInstanceOf(IllegalArgumentException.class);
        assertThat(f.state.apply(second).height()).isEqualTo(2);
    }

    @Test
    void theSetOfSeenTransactionsIsPersistent() {
        List<Sha256Hash> ids = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ids.add(Sha256Hash.of(("id " + i).getBytes(StandardCharsets.US_ASCII)));
        }
        SeenTransactions a = SeenTransactions.EMPTY.plus(ids.subList(0, 2500));
        SeenTransactions b = a.plus(ids.subList(2000, 5000));

        assertThat(a.size()).isEqualTo(2500);
        assertThat(b.size()).isEqualTo(5000);
        for (int i = 0; i < 5000; i++) {
            assertThat(a.contains(ids.get(i))).isEqualTo(i < 2500);
            assertThat(b.contains(ids.get(i))).isTrue();
        }
        assertThat(SeenTransactions.EMPTY.contains(ids.get(0))).isFalse();
        assertThat(b.contains(Sha256Hash.ZERO)).isFalse();
    }
}
