package org.ebc.gateway.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.Coinbase;
import org.ebc.ledger.EagMember;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.ProofOfFlowRule;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.TxBody.AllocationTx;
import org.ebc.ledger.TxBody.AwardTx;
import org.ebc.ledger.TxBody.TransferTx;
import org.ebc.ledger.TxKind;
import org.ebc.payment.Transfer;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * The ledger during the validation of one block: the chain state with the block's coinbase and
 * transactions so far applied on top, in block order. Each {@code apply…} checks every rule for one entry
 * before it changes anything, so a refused entry leaves the ledger as it was (the assembler relies on that
 * to skip a transaction and carry on). Single-threaded, one per block.
 */
final class BlockLedger implements LedgerView {
    private final ChainState chain;
    private final Genesis genesis;
    private final BlockHeader header;
    private final Map<TxKind, KindRule> rules;
    private final Map<WalletAddress, CoinAmount> balances = new HashMap<>();
    private final Map<WalletAddress, Long> nonces = new HashMap<>();
    private final Set<Sha256Hash> seen = new HashSet<>();
    private final List<Sha256Hash> ids = new ArrayList<>();
    private final Map<Sha256Hash, PendingAward> recorded = new LinkedHashMap<>();
    private final Set<Sha256Hash> paid = new LinkedHashSet<>();
    private final Set<NodeId> allocatedHere = new LinkedHashSet<>();
    private final Set<String> awardSlots = new HashSet<>();
    private long minted;

    BlockLedger(ChainState chain, BlockHeader header, Map<TxKind, KindRule> rules) {
        this.chain = chain;
        this.genesis = chain.genesis();
        this.header = header;
        this.rules = rules;
    }

    /** The coinbase: this block's, paying exactly the reward and only pending awards, each once. */
    @Nullable
    Refusal applyCoinbase(Coinbase c) {
        EagMember miner = genesis.member(header.miner()).orElseThrow();
        if (!c.chain().equals(genesis.hash())
                || c.height() != header.height()
                || !c.miner().equals(header.miner())) {
            return new Refusal(BlockReason.BAD_COINBASE, "the coinbase names another chain, height or miner");
        }
        if (!c.to().equals(miner.address())) {
            return new Refusal(
                    BlockReason.BAD_COINBASE, "the reward goes to " + c.to() + ", not to the miner's address");
        }
        int cmp = c.reward().compareTo(genesis.reward());
        if (cmp > 0) {
            return new Refusal(
                    BlockReason.OVER_MINTED_COINBASE, "reward " + c.reward() + " exceeds " + genesis.reward());
        }
        if (cmp < 0) {
            return new Refusal(BlockReason.BAD_COINBASE, "reward " + c.reward() + " is not " + genesis.reward());
        }
        if (chain.hasTransaction(c.id())) {
            return new Refusal(BlockReason.DUPLICATE_TRANSACTION, "the coinbase is already on the chain");
        }
        Map<WalletAddress, CoinAmount> credits = new LinkedHashMap<>();
        Set<Sha256Hash> settling = new HashSet<>();
        long total = c.reward().minorUnits();
        credits.merge(c.to(), c.reward(), CoinAmount::plus);
        for (Coinbase.Award a : c.awards()) {
            Optional<PendingAward> p = chain.pendingAward(a.tx());
            if (!settling.add(a.tx())) {
                return new Refusal(
                        BlockReason.AWARD_NOT_PENDING, "award " + a.tx() + " is paid twice in this coinbase");
            }
            if (p.isEmpty()) {
                return new Refusal(BlockReason.AWARD_NOT_PENDING, "award " + a.tx() + " is not pending");
            }
            int vs = a.amount().compareTo(p.get().amount());
            if (vs > 0) {
                return new Refusal(
                        BlockReason.OVER_MINTED_COINBASE,
                        "award " + a.tx() + " paid " + a.amount() + ", recorded "
                                + p.get().amount());
            }
            if (vs < 0 || !a.to().equals(p.get().to())) {
                return new Refusal(
                        BlockReason.BAD_COINBASE, "award " + a.tx() + " is not paid as recorded (amount or address)");
            }
            total = addOrMinusOne(total, a.amount().minorUnits());
            if (total < 0) {
                return new Refusal(BlockReason.AMOUNT_OUT_OF_RANGE, "the coinbase's total exceeds the range of a long");
            }
            credits.merge(a.to(), a.amount(), CoinAmount::plus);
        }
        Refusal r = credit(credits);
        if (r != null) {
            return r;
        }
        minted = total;
        paid.addAll(settling);
        seen.add(c.id());
        ids.add(c.id());
        return null;
    }

    /** One admitted transaction at its position in the block (its signatures are already verified). */
    @Nullable
    Refusal apply(LedgerTransaction tx) {
        if (seen.contains(tx.id()) || chain.hasTransaction(tx.id())) {
            return new Refusal(
                    BlockReason.DUPLICATE_TRANSACTION,
                    tx.id() + (seen.contains(tx.id()) ? " appears twice in the block" : " is already on the chain"));
        }
        Refusal r = switch (tx.body()) {
            case TransferTx t -> transfer(tx, t.transfer());
            case AllocationTx a -> allocation(tx, a);
            case AwardTx a -> award(tx, a);
            default -> pluggable(tx);
        };
        if (r == null) {
            seen.add(tx.id());
            ids.add(tx.id());
        }
        return r;
    }

    private @Nullable Refusal transfer(LedgerTransaction tx, Transfer t) {
        Optional<EagId> payerHome = home(t.payer());
        if (payerHome.isEmpty()) {
            return new Refusal(BlockReason.UNKNOWN_ADDRESS, "payer " + t.payer() + " is not registered");
        }
        if (home(t.payee()).isEmpty()) {
            return new Refusal(BlockReason.UNKNOWN_ADDRESS, "payee " + t.payee() + " is not registered");
        }
        if (!payerHome.get().equals(tx.admittedBy())) {
            return new Refusal(
                    BlockReason.NOT_HOME_EAG,
                    "admitted by " + tx.admittedBy() + ", but " + t.payer() + " is at home at " + payerHome.get());
        }
        Refusal revoked = revoked(tx, t.payer());
        if (revoked != null) {
            return revoked;
        }
        long next = nonce(t.payer()) + 1;
        if (t.nonce() < next) {
            return new Refusal(
                    BlockReason.DOUBLE_SPEND,
                    t.payer() + " already spent nonce " + t.nonce() + " (next is " + next + ")");
        }
        if (t.nonce() > next) {
            return new Refusal(BlockReason.NONCE_GAP, t.payer() + " nonce " + t.nonce() + ", expected " + next);
        }
        Refusal r = move(t.payer(), t.payee(), t.amount());
        if (r == null) {
            nonces.put(t.payer(), t.nonce());
        }
        return r;
    }

    private @Nullable Refusal allocation(LedgerTransaction tx, AllocationTx a) {
        if (!chain.enrollments().isRegistered(a.node())) {
            return new Refusal(BlockReason.UNKNOWN_NODE, "node " + a.node() + " is not registered");
        }
        if (!chain.enrollments().node(a.to()).map(a.node()::equals).orElse(false)) {
            return new Refusal(BlockReason.ALLOCATION_NOT_ALLOWED, a.to() + " is not an address of node " + a.node());
        }
        Optional<EagId> home = home(a.to());
        if (home.isEmpty() || !home.get().equals(tx.admittedBy())) {
            return new Refusal(BlockReason.NOT_HOME_EAG, "node " + a.node() + " is not at home at " + tx.admittedBy());
        }
        Refusal revoked = revoked(tx, a.to());
        if (revoked != null) {
            return revoked;
        }
        if (allocated(a.node())) {
            return new Refusal(BlockReason.ALLOCATION_REPEATED, "node " + a.node() + " has had its allocation");
        }
        CoinAmount granted = genesis.allocation().amountFor(a.node());
        if (granted.minorUnits() == 0 || !granted.equals(a.amount())) {
            return new Refusal(
                    BlockReason.ALLOCATION_NOT_ALLOWED,
                    "node " + a.node() + " is granted " + granted + ", not " + a.amount());
        }
        Refusal r = mint(a.to(), a.amount());
        if (r == null) {
            allocatedHere.add(a.node());
        }
        return r;
    }

    private @Nullable Refusal award(LedgerTransaction tx, AwardTx a) {
        Optional<ProofOfFlowRule> pof = genesis.proofOfFlow();
        if (pof.isEmpty()) {
            return new Refusal(BlockReason.AWARD_NOT_ALLOWED, "this consortium has no proof-of-flow award");
        }
        Optional<EagId> home = home(a.to());
        if (home.isEmpty()) {
            return new Refusal(BlockReason.UNKNOWN_ADDRESS, "award recipient " + a.to() + " is not registered");
        }
        if (!home.get().equals(tx.admittedBy())) {
            return new Refusal(
                    BlockReason.NOT_HOME_EAG, a.to() + " is at home at " + home.get() + ", not " + tx.admittedBy());
        }
        ProofOfFlowRule rule = pof.get();
        if (!a.amount().equals(rule.award())) {
            return new Refusal(BlockReason.AWARD_NOT_ALLOWED, "award of " + a.amount() + ", not " + rule.award());
        }
        if (!rule.isPeriodStart(a.periodStartMillis(), genesis.timeMillis())) {
            return new Refusal(
                    BlockReason.AWARD_NOT_ALLOWED, "period " + a.periodStartMillis() + " is not a period start");
        }
        if (a.periodStartMillis() > header.timestampMillis() - rule.periodMillis()) {
            return new Refusal(BlockReason.AWARD_NOT_ALLOWED, "period " + a.periodStartMillis() + " is not over");
        }
        if (awarded(tx.admittedBy(), a.periodStartMillis())) {
            return new Refusal(
                    BlockReason.AWARD_REPEATED, tx.admittedBy() + " already awarded period " + a.periodStartMillis());
        }
        recorded.put(tx.id(), new PendingAward(tx.id(), a.to(), a.amount(), tx.admittedBy(), a.periodStartMillis()));
        awardSlots.add(slot(tx.admittedBy(), a.periodStartMillis()));
        return null;
    }

    private @Nullable Refusal pluggable(LedgerTransaction tx) {
        KindRule rule = rules.get(tx.kind());
        if (rule == null) {
            return new Refusal(
                    BlockReason.UNSUPPORTED_KIND,
                    "no rule for kind " + tx.kind().wire() + " is installed");
        }
        RuleOutcome outcome;
        try {
            outcome = rule.check(tx, this);
        } catch (RuntimeException e) {
            return new Refusal(BlockReason.REFUSED_BY_RULE, "the " + tx.kind().wire() + " rule failed: " + e);
        }
        if (!outcome.accepted()) {
            return new Refusal(BlockReason.REFUSED_BY_RULE, outcome.detail());
        }
        Map<WalletAddress, CoinAmount> before = new HashMap<>();
        for (RuleOutcome.Movement m : outcome.movements()) {
            Optional<EagId> home = home(m.from());
            if (m.amount().minorUnits() <= 0 || m.from().equals(m.to())) {
                return undo(before, new Refusal(BlockReason.REFUSED_BY_RULE, "the rule moved nothing or to itself"));
            }
            if (home.isEmpty() || !home.get().equals(tx.admittedBy())) {
                return undo(
                        before,
                        new Refusal(BlockReason.NOT_HOME_EAG, m.from() + " is not at home at " + tx.admittedBy()));
            }
            if (home(m.to()).isEmpty()) {
                return undo(before, new Refusal(BlockReason.UNKNOWN_ADDRESS, m.to() + " is not registered"));
            }
            Refusal revoked = revoked(tx, m.from());
            if (revoked != null) {
                return undo(before, revoked);
            }
            before.putIfAbsent(m.from(), balance(m.from()));
            before.putIfAbsent(m.to(), balance(m.to()));
            Refusal r = move(m.from(), m.to(), m.amount());
            if (r != null) {
                return undo(before, r);
            }
        }
        return null;
    }

    private Refusal undo(Map<WalletAddress, CoinAmount> before, Refusal r) {
        balances.putAll(before);
        return r;
    }

    private @Nullable Refusal move(WalletAddress from, WalletAddress to, CoinAmount amount) {
        CoinAmount have = balance(from);
        if (have.compareTo(amount) < 0) {
            return new Refusal(BlockReason.INSUFFICIENT_FUNDS, from + " has " + have + ", needs " + amount);
        }
        long after = addOrMinusOne(balance(to).minorUnits(), amount.minorUnits());
        if (after < 0) {
            return new Refusal(BlockReason.AMOUNT_OUT_OF_RANGE, "the balance of " + to + " would overflow");
        }
        balances.put(from, have.minus(amount));
        balances.put(to, CoinAmount.ofMinorUnits(after));
        return null;
    }

    private @Nullable Refusal mint(WalletAddress to, CoinAmount amount) {
        long total = addOrMinusOne(minted, amount.minorUnits());
        long supplyAfter = addOrMinusOne(chain.supply().minorUnits(), total);
        long after = addOrMinusOne(balance(to).minorUnits(), amount.minorUnits());
        if (total < 0 || supplyAfter < 0 || after < 0) {
            return new Refusal(BlockReason.AMOUNT_OUT_OF_RANGE, "minting " + amount + " would overflow");
        }
        minted = total;
        balances.put(to, CoinAmount.ofMinorUnits(after));
        return null;
    }

    private @Nullable Refusal credit(Map<WalletAddress, CoinAmount> credits) {
        Map<WalletAddress, CoinAmount> after = new HashMap<>();
        for (Map.Entry<WalletAddress, CoinAmount> e : credits.entrySet()) {
            long v =
                    addOrMinusOne(balance(e.getKey()).minorUnits(), e.getValue().minorUnits());
            if (v < 0) {
                return new Refusal(BlockReason.AMOUNT_OUT_OF_RANGE, "the balance of " + e.getKey() + " would overflow");
            }
            after.put(e.getKey(), CoinAmount.ofMinorUnits(v));
        }
        if (addOrMinusOne(chain.supply().minorUnits(), sum(credits)) < 0) {
            return new Refusal(BlockReason.AMOUNT_OUT_OF_RANGE, "the supply would overflow");
        }
        balances.putAll(after);
        return null;
    }

    private static long sum(Map<WalletAddress, CoinAmount> credits) {
        long s = 0;
        for (CoinAmount c : credits.values()) {
            s = addOrMinusOne(s, c.minorUnits());
            if (s < 0) {
                return -1;
            }
        }
        return s;
    }

    /** {@code a + b} for non-negative values, or -1 if it overflows. */
    private static long addOrMinusOne(long a, long b) {
        long s = a + b;
        return (a < 0 || b < 0 || s < 0) ? -1 : s;
    }

    /** A refusal if the node holding {@code from} was revoked at or before the transaction's stamp, else null. */
    private @Nullable Refusal revoked(LedgerTransaction tx, WalletAddress from) {
        Optional<NodeId> node = chain.enrollments().node(from);
        if (node.isEmpty()) {
            return null;
        }
        OptionalLong at = chain.enrollments().revokedAt(node.get());
        if (at.isPresent() && tx.timestampMillis() >= at.getAsLong()) {
            return new Refusal(
                    BlockReason.NODE_REVOKED,
                    "node " + node.get() + " was revoked at " + java.time.Instant.ofEpochMilli(at.getAsLong())
                            + "; " + tx.admittedBy() + " stamped this transaction "
                            + java.time.Instant.ofEpochMilli(tx.timestampMillis()));
        }
        return null;
    }

    /** The home EAG of an address: the EAG itself for an EAG's own address, else its node's enrollment. */
    Optional<EagId> home(WalletAddress a) {
        Optional<EagMember> eag = genesis.memberByAddress(a);
        return eag.isPresent()
                ? Optional.of(eag.get().id())
                : chain.enrollments().homeEag(a);
    }

    private static String slot(EagId eag, long period) {
        return eag.value() + "|" + period;
    }

    BlockEffects effects() {
        List<PendingAward> awards = new ArrayList<>(recorded.values());
        return new BlockEffects(
                header,
                ids,
                balances,
                nonces,
                awards,
                new ArrayList<>(paid),
                new ArrayList<>(allocatedHere),
                CoinAmount.ofMinorUnits(minted));
    }

    @Override
    public CoinAmount balance(WalletAddress address) {
        CoinAmount b = balances.get(address);
        return b != null ? b : chain.balance(address);
    }

    @Override
    public long nonce(WalletAddress address) {
        Long n = nonces.get(address);
        return n != null ? n : chain.nonce(address);
    }

    @Override
    public boolean hasTransaction(Sha256Hash id) {
        return seen.contains(id) || chain.hasTransaction(id);
    }

    @Override
    public Optional<PendingAward> pendingAward(Sha256Hash awardTx) {
        if (paid.contains(awardTx)) {
            return Optional.empty();
        }
        PendingAward here = recorded.get(awardTx);
        return here != null ? Optional.of(here) : chain.pendingAward(awardTx);
    }

    @Override
    public boolean allocated(NodeId node) {
        return allocatedHere.contains(node) || chain.allocated(node);
    }

    @Override
    public boolean awarded(EagId eag, long periodStartMillis) {
        return awardSlots.contains(slot(eag, periodStartMillis)) || chain.awarded(eag, periodStartMillis);
    }

    @Override
    public Enrollments enrollments() {
        return chain.enrollments();
    }
}
