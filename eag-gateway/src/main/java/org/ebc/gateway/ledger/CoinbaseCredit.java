package org.ebc.gateway.ledger;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.gateway.payment.CoinbaseMint;
import org.ebc.gateway.payment.Payments;
import org.ebc.ledger.Block;
import org.ebc.ledger.Coinbase;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.TxBody;
import org.ebc.ledger.TxReason;
import org.ebc.units.EagId;
import org.ebc.wallet.WalletAddress;

/**
 * What a committed block's coinbase mints, credited to the payment core, so the coins the chain creates can be spent
 * where the microgrid pays: the mining reward of a block this EAG mined goes to its own address (the grid account's),
 * and each proof-of-flow award this EAG admitted and the coinbase settles is paid to its node
 * ({@link Payments#payAward}). Each under a reference made of the block's hash, so a block replayed at start (the
 * node hands every stored block to its listeners) credits nothing twice; other EAGs' rewards and awards are theirs
 * to credit.
 *
 * <p>Runs on the consensus thread, after the block is stored.
 */
public final class CoinbaseCredit implements ConsortiumNode.CommitListener {
    /** Where an award transaction of an earlier block is found. */
    public interface Transactions {
        Optional<byte[]> byId(Sha256Hash id);
    }

    private final EagId eag;
    private final WalletAddress address;
    private final Consumer<CoinbaseMint> sink;
    private final Genesis genesis;
    private final Transactions earlier;

    /**
     * @param eag this EAG
     * @param address its address (the genesis's, which is the payment core's grid account)
     * @param sink where each credit goes, to be applied on the payment core's thread
     * @param genesis the consortium's genesis (award transactions are verified under its keys)
     * @param earlier stored transactions by id
     */
    public CoinbaseCredit(
            EagId eag, WalletAddress address, Consumer<CoinbaseMint> sink, Genesis genesis, Transactions earlier) {
        this.eag = eag;
        this.address = address;
        this.sink = sink;
        this.genesis = genesis;
        this.earlier = earlier;
    }

    /** The mint reference of a block's reward. */
    public static String rewardRef(Block block) {
        return "block:" + block.hash().hex() + ":reward";
    }

    /**
     * The mint reference of a proof-of-flow award a coinbase pays: the award transaction's id, which the chain holds
     * once (a duplicate transaction is refused), so a block replayed at start pays nothing again. (It once also named
     * the block: 141 characters, over a mint reference's 128, and every award payment was rolled back.)
     */
    public static String awardRef(Sha256Hash awardTx) {
        return "award:" + awardTx.hex();
    }

    @Override
    public void committed(Block block, CertifiedBlock certified) {
        Coinbase cb = block.coinbase();
        if (cb.miner().equals(eag) && cb.to().equals(address) && cb.reward().minorUnits() > 0) {
            sink.accept(new CoinbaseMint.Reward(rewardRef(block), cb.to(), cb.reward()));
        }
        for (Coinbase.Award a : cb.awards()) {
            Optional<Instant> period = ourAwardPeriod(block, a.tx());
            if (period.isPresent()) {
                sink.accept(new CoinbaseMint.AwardPaid(period.get(), awardRef(a.tx())));
            }
        }
    }

    /** The period of the award transaction {@code tx}, if this EAG admitted it. */
    private Optional<Instant> ourAwardPeriod(Block block, Sha256Hash tx) {
        Optional<byte[]> raw = Optional.empty();
        for (byte[] t : block.transactions()) {
            if (Sha256Hash.of(t).equals(tx)) {
                raw = Optional.of(t);
                break;
            }
        }
        if (raw.isEmpty()) {
            raw = earlier.byId(tx);
        }
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        org.ebc.ledger.Outcome<TxReason, LedgerTransaction> v =
                LedgerTransaction.verify(raw.get(), genesis::memberByKeyId);
        if (!v.isOk() || !v.orElseThrow().admittedBy().equals(eag)) {
            return Optional.empty();
        }
        return v.orElseThrow().body() instanceof TxBody.AwardTx w
                ? Optional.of(Instant.ofEpochMilli(w.periodStartMillis()))
                : Optional.empty();
    }
}
