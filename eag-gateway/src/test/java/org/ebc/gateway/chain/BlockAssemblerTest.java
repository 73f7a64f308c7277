package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ebc.ledger.Block;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.TxBody;
import org.ebc.testing.TestConsortium;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.junit.jupiter.api.Test;

/** The assembler includes what the validator would accept, in order, skips the rest with its reason, and pays pending awards. */
class BlockAssemblerTest {
    final ChainFixture f = ChainFixture.standard().funded();
    final TestConsortium c = f.c;
    final BlockAssembler assembler = new BlockAssembler(f.validator);

    LedgerTransaction tx(byte[] raw) {
        return LedgerTransaction.verify(raw, f.genesis()::memberByKeyId).orElseThrow();
    }

    LedgerTransaction pay(int from, long nonce, int to, long coins) {
        return tx(c.transferTx(c.node(from), nonce, c.node(to), CoinAmount.ofCoins(coins), f.tipTime()));
    }

    Block mineAndSign(BlockAssembler.Candidate cand, int eag) {
        Miner.Result r =
                new Miner().mine(cand.template(), new MiningJob(cand.template().height()));
        return cand.sign(r.headerOrThrow(), c.eag(eag).keys());
    }

    @Test
    void theAssembledBlockHoldsTheValidCandidatesInOrderAndValidatesOnceMined() {
        LedgerTransaction ok1 = pay(1, 1, 2, 5);
        LedgerTransaction doubleSpend = pay(1, 1, 3, 5);
        LedgerTransaction gap = pay(2, 2, 1, 1);
        LedgerTransaction ok2 = pay(2, 1, 4, 24);
        LedgerTransaction broke = pay(2, 2, 4, 2);
        List<LedgerTransaction> candidates = List.of(ok1, doubleSpend, gap, ok2, broke, ok1);

        BlockAssembler.Candidate cand =
                assembler.assemble(f.state, EagId.of("eag-2"), candidates, f.tipTime() + 5_000, 100);

        assertThat(cand.transactions()).containsExactly(ok1, ok2);
        assertThat(cand.skipped())
                .extracting(BlockAssembler.Skipped::reason)
                .containsExactly(
                        BlockReason.DOUBLE_SPEND,
                        BlockReason.NONCE_GAP,
                        BlockReason.INSUFFICIENT_FUNDS,
                        BlockReason.DUPLICATE_TRANSACTION);
        assertThat(cand.template().transactionCount()).isEqualTo(2);
        assertThat(cand.template().timestampMillis()).isEqualTo(f.tipTime() + 5_000);
        f.commit(mineAndSign(cand, 2));
        assertThat(f.state.balance(c.node(4).address())).isEqualTo(CoinAmount.ofCoins(44));
    }

    @Test
    void theAssemblerStopsAtTheLimitAndNeverStampsBeforeTheEarliestAllowedTime() {
        List<LedgerTransaction> candidates = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            candidates.add(pay(1, n, 2, 1));
        }
        BlockAssembler.Candidate cand = assembler.assemble(f.state, EagId.of("eag-1"), candidates, 0, 3);

        assertThat(cand.transactions()).hasSize(3);
        assertThat(cand.template().timestampMillis()).isEqualTo(NextBlock.earliestTimestamp(f.state));
        f.commit(mineAndSign(cand, 1));
    }

    @Test
    void theCoinbasePaysEveryPendingAward() {
        long t0 = TestConsortium.GENESIS_TIME.toEpochMilli();
        byte[] award = c.admit(
                EagId.of("eag-1"),
                new TxBody.AwardTx(c.node(3).address(), CoinAmount.ofCoins(1), t0, Energy.ofWh(700)),
                t0 + 900_000);
        BlockAssembler.Candidate first =
                assembler.assemble(f.state, EagId.of("eag-1"), List.of(tx(award)), t0 + 900_000, 10);
        assertThat(first.coinbase().awards()).isEmpty();
        f.commit(mineAndSign(first, 1));

        BlockAssembler.Candidate second = assembler.assemble(f.state, EagId.of("eag-2"), List.of(), 0, 10);

        assertThat(second.coinbase().awards()).hasSize(1);
        assertThat(second.coinbase().awards().get(0).to()).isEqualTo(c.node(3).address());
        BlockEffects e = f.commit(mineAndSign(second, 2));
        assertThat(e.awardsPaid()).hasSize(1);
        assertThat(f.state.pendingAwards()).isEmpty();
    }
}
