package org.ebc.gateway.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import org.ebc.ledger.Block;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.TxBody;
import org.ebc.testing.TestConsortium;
import org.ebc.testing.TestConsortium.Node;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.wallet.WalletAddress;

/**
 * A random valid chain from a seed: block 1 pays every allocation, then blocks of random payments between
 * the nodes (amounts within the payer's balance, nonces in order, admitted by the payer's home EAG) and,
 * now and then, proof-of-flow awards that later coinbases pay. Blocks are 5 minutes apart, mined by a random
 * EAG through the real assembler and miner. Keeps every block and the state before it.
 */
final class RandomChain {
    static final long FIVE_MINUTES = 300_000;

    final ChainFixture f;
    final List<Block> blocks = new ArrayList<>();
    final List<InMemoryChainState> before = new ArrayList<>();
    long allocated;
    long awardsPaid;

    private RandomChain(ChainFixture f) {
        this.f = f;
    }

    /** A chain of {@code height} blocks; each is validated on {@code threads} threads of {@code executor}. */
    static RandomChain build(long seed, int eags, int nodes, int height, Executor executor, int threads) {
        ChainFixture f =
                ChainFixture.create(eags, nodes, b -> b.proofOfFlow(Duration.ofMinutes(15), CoinAmount.ofCoins(1)));
        f.validator = new BlockValidator(f.genesis(), executor, threads, Map.of());
        RandomChain rc = new RandomChain(f);
        Random r = new Random(seed);
        TestConsortium c = f.c;
        Map<WalletAddress, Long> nonces = new HashMap<>();
        Map<String, Boolean> awarded = new HashMap<>();
        BlockAssembler assembler = new BlockAssembler(f.validator);
        Miner miner = new Miner();
        for (int h = 1; h <= height; h++) {
            long ts = TestConsortium.GENESIS_TIME.toEpochMilli() + h * FIVE_MINUTES;
            List<LedgerTransaction> candidates = new ArrayList<>();
            Map<WalletAddress, Long> spendable = new HashMap<>();
            if (h == 1) {
                for (Node n : c.nodes()) {
                    candidates.add(verified(f, c.allocationTx(n, ts - 1)));
                }
            } else {
                int count = 1 + r.nextInt(8);
                for (int i = 0; i < count; i++) {
                    Node payer = c.nodes().get(r.nextInt(nodes));
                    Node payee = c.nodes().get(r.nextInt(nodes));
                    long have = spendable.computeIfAbsent(
                            payer.address(), a -> f.state.balance(a).minorUnits());
                    if (payer.equals(payee) || have <= 0) {
                        continue;
                    }
                    long amount = 1 + (long) (r.nextDouble() * Math.min(have, 5 * CoinAmount.MINOR_UNITS_PER_COIN));
                    long nonce = nonces.merge(payer.address(), 1L, Long::sum);
                    spendable.put(payer.address(), have - amount);
                    spendable.merge(payee.address(), amount, Long::sum);
                    candidates.add(
                            verified(f, c.transferTx(payer, nonce, payee, CoinAmount.ofMinorUnits(amount), ts - 10)));
                }
                long period = TestConsortium.GENESIS_TIME.toEpochMilli() + ((h - 3) / 3) * 900_000L;
                Node winner = c.nodes().get(r.nextInt(nodes));
                if (h >= 3
                        && (h == 4 || r.nextBoolean())
                        && awarded.putIfAbsent(winner.home() + "|" + period, true) == null) {
                    candidates.add(verified(
                            f,
                            c.admit(
                                    winner.home(),
                                    new TxBody.AwardTx(
                                            winner.address(),
                                            CoinAmount.ofCoins(1),
                                            period,
                                            Energy.ofWh(1 + r.nextInt(9000))),
                                    ts - 5)));
                }
            }
            EagId by = c.eags().get(r.nextInt(eags)).id();
            BlockAssembler.Candidate cand = assembler.assemble(f.state, by, candidates, ts, 10_000);
            assertThat(cand.skipped()).as("seed %d height %d", seed, h).isEmpty();
            Miner.Result mined = miner.mine(cand.template(), new MiningJob(h));
            Block b = cand.sign(mined.headerOrThrow(), c.eag(by).keys());
            rc.before.add(f.state);
            BlockEffects e = f.commit(b);
            rc.blocks.add(b);
            rc.awardsPaid += e.awardsPaid().size() * CoinAmount.MINOR_UNITS_PER_COIN;
            if (h == 1) {
                rc.allocated = e.minted().minorUnits() - f.genesis().reward().minorUnits();
            }
        }
        return rc;
    }

    private static LedgerTransaction verified(ChainFixture f, byte[] raw) {
        return LedgerTransaction.verify(raw, f.genesis()::memberByKeyId).orElseThrow();
    }
}
