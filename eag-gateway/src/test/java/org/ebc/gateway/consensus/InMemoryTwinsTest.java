package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.gateway.consensus.harness.CoreFixture;
import org.ebc.gateway.consensus.harness.FakeBlock;
import org.ebc.gateway.consensus.harness.TestConsortium;
import org.junit.jupiter.api.Test;

/** The in-memory store and journal behave as the ports say a real one must. */
class InMemoryTwinsTest {
    private final CoreFixture f = new CoreFixture();

    private CertifiedBlock certified(FakeBlock b) {
        return new CertifiedBlock(b.bytes(), f.certificate(b.height(), 0, b.hash(), 1, 2, 3));
    }

    private static BlockFacts facts(FakeBlock b) {
        return new BlockFacts(b.hash(), b.height(), b.previous(), b.miner());
    }

    @Test
    void theStoreTakesOnlyTheNextBlockOnItsTip() {
        InMemoryChainStore chain = new InMemoryChainStore(TestConsortium.GENESIS_BLOCK);
        assertThat(chain.height()).isZero();
        assertThat(chain.tip()).isEqualTo(TestConsortium.GENESIS_BLOCK);
        FakeBlock one = new FakeBlock(1, chain.tip(), CoreFixture.id(1), 1, true);
        chain.append(certified(one), facts(one));
        assertThat(chain.tip()).isEqualTo(one.hash());
        assertThat(chain.block(1).orElseThrow().hash()).isEqualTo(one.hash());
        assertThat(chain.block(2)).isEmpty();

        FakeBlock sideways = new FakeBlock(2, TestConsortium.GENESIS_BLOCK, CoreFixture.id(1), 2, true);
        assertThatThrownBy(() -> chain.append(certified(sideways), facts(sideways)))
                .isInstanceOf(IllegalStateException.class);
        FakeBlock skipping = new FakeBlock(3, one.hash(), CoreFixture.id(1), 3, true);
        assertThatThrownBy(() -> chain.append(certified(skipping), facts(skipping)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theJournalKeepsVotesByHeightAndForgetsBelowACommittedOne() {
        InMemoryJournal j = new InMemoryJournal();
        j.recordSigned(1, CoreFixture.utf8("a"));
        j.recordSigned(2, CoreFixture.utf8("b"));
        j.recordSigned(2, CoreFixture.utf8("c"));
        j.recordValid(2, 1, CoreFixture.utf8("block"), List.of(CoreFixture.utf8("audit")));
        assertThat(j.signed(2)).hasSize(2);
        assertThat(j.valid(2).orElseThrow().round()).isEqualTo(1);

        j.forgetBelow(2);

        assertThat(j.signed(1)).isEmpty();
        assertThat(j.signed(2)).hasSize(2);
        assertThat(j.signedCount()).isEqualTo(2);
    }
}
