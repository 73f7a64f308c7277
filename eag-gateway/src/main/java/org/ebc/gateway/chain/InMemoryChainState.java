package org.ebc.gateway.chain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ebc.ledger.BlockHeader;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.Sha256Hash;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory twin of the chain state: immutable, and {@link #apply} returns the state after one more
 * block, so checking a chain is a fold ({@link ChainFold}) and any earlier state stays usable (a test can
 * validate a changed block against the state before it).
 *
 * <p>Cost of {@link #apply}: balances, nonces and pending awards are copied (proportional to the addresses
 * in use); transaction ids and headers are shared with the previous state ({@link SeenTransactions}, a
 * linked list of headers), so a long chain does not copy its history per block. {@link #header} walks back
 * from the tip: fast for the recent headers the validator reads, linear for old ones. Thread-safe.
 */
public final class InMemoryChainState implements ChainState {
    private final Genesis genesis;
    private final Enrollments enrollments;
    private final @Nullable HeaderLink tip;
    private final Map<WalletAddress, CoinAmount> balances;
    private final Map<WalletAddress, Long> nonces;
    private final SeenTransactions seen;
    private final Map<Sha256Hash, PendingAward> pending;
    private final Set<NodeId> allocated;
    private final Set<AwardSlot> awarded;
    private final CoinAmount supply;

    private record HeaderLink(BlockHeader header, @Nullable HeaderLink parent) {}

    private record AwardSlot(EagId eag, long periodStartMillis) {}

    private InMemoryChainState(
            Genesis genesis,
            Enrollments enrollments,
            @Nullable HeaderLink tip,
            Map<WalletAddress, CoinAmount> balances,
            Map<WalletAddress, Long> nonces,
            SeenTransactions seen,
            Map<Sha256Hash, PendingAward> pending,
            Set<NodeId> allocated,
            Set<AwardSlot> awarded,
            CoinAmount supply) {
        this.genesis = genesis;
        this.enrollments = enrollments;
        this.tip = tip;
        this.balances = balances;
        this.nonces = nonces;
        this.seen = seen;
        this.pending = pending;
        this.allocated = allocated;
        this.awarded = awarded;
        this.supply = supply;
    }

    /** The state of a chain that has only its genesis. */
    public static InMemoryChainState atGenesis(Genesis genesis, Enrollments enrollments) {
        return new InMemoryChainState(
                genesis,
                enrollments,
                null,
                Map.of(),
                Map.of(),
                SeenTransactions.EMPTY,
                Map.of(),
                Set.of(),
                Set.of(),
                CoinAmount.ZERO);
    }

    /**
     * The state after a block the validator accepted on top of this state.
     *
     * @throws IllegalArgumentException if {@code effects} are not for the block after this tip
     */
    public InMemoryChainState apply(BlockEffects effects) {
        BlockHeader h = effects.header();
        if (h.height() != height() + 1 || !h.previous().equals(tipHash())) {
            throw new IllegalArgumentException(
                    "effects of block " + h.height() + " do not follow tip " + height() + " " + tipHash());
        }
        Map<WalletAddress, CoinAmount> b = new HashMap<>(balances);
        b.putAll(effects.balances());
        Map<WalletAddress, Long> n = new HashMap<>(nonces);
        n.putAll(effects.nonces());
        Map<Sha256Hash, PendingAward> p = new LinkedHashMap<>(pending);
        for (Sha256Hash paid : effects.awardsPaid()) {
            p.remove(paid);
        }
        Set<AwardSlot> slots = new HashSet<>(awarded);
        for (PendingAward a : effects.awardsRecorded()) {
            p.put(a.tx(), a);
            slots.add(new AwardSlot(a.eag(), a.periodStartMillis()));
        }
        Set<NodeId> alloc = new HashSet<>(allocated);
        alloc.addAll(effects.allocated());
        return new InMemoryChainState(
                genesis,
                enrollments,
                new HeaderLink(h, tip),
                Collections.unmodifiableMap(b),
                Collections.unmodifiableMap(n),
                seen.plus(effects.transactionIds()),
                Collections.unmodifiableMap(p),
                Collections.unmodifiableSet(alloc),
                Collections.unmodifiableSet(slots),
                supply.plus(effects.minted()));
    }

    /** The same chain state with other registrations (they arrive independently of blocks). */
    public InMemoryChainState withEnrollments(Enrollments e) {
        return new InMemoryChainState(genesis, e, tip, balances, nonces, seen, pending, allocated, awarded, supply);
    }

    @Override
    public Genesis genesis() {
        return genesis;
    }

    @Override
    public long height() {
        HeaderLink t = tip;
        return t == null ? 0 : t.header().height();
    }

    @Override
    public Sha256Hash tipHash() {
        HeaderLink t = tip;
        return t == null ? genesis.hash() : t.header().hash();
    }

    @Override
    public Optional<BlockHeader> header(long height) {
        for (HeaderLink l = tip; l != null; l = l.parent()) {
            if (l.header().height() == height) {
                return Optional.of(l.header());
            }
            if (l.header().height() < height) {
                break;
            }
        }
        return Optional.empty();
    }

    @Override
    public Collection<PendingAward> pendingAwards() {
        return Collections.unmodifiableCollection(new ArrayList<>(pending.values()));
    }

    @Override
    public CoinAmount supply() {
        return supply;
    }

    @Override
    public CoinAmount balance(WalletAddress address) {
        return balances.getOrDefault(address, CoinAmount.ZERO);
    }

    /** Every address with a balance entry and its balance (for conservation checks and exports). */
    public Map<WalletAddress, CoinAmount> balances() {
        return balances;
    }

    @Override
    public long nonce(WalletAddress address) {
        return nonces.getOrDefault(address, 0L);
    }

    @Override
    public boolean hasTransaction(Sha256Hash id) {
        return seen.contains(id);
    }

    /** How many transaction ids (coinbases included) the chain holds. */
    public long transactionCount() {
        return seen.size();
    }

    @Override
    public Optional<PendingAward> pendingAward(Sha256Hash awardTx) {
        return Optional.ofNullable(pending.get(awardTx));
    }

    @Override
    public boolean allocated(NodeId node) {
        return allocated.contains(node);
    }

    @Override
    public boolean awarded(EagId eag, long periodStartMillis) {
        return awarded.contains(new AwardSlot(eag, periodStartMillis));
    }

    @Override
    public Enrollments enrollments() {
        return enrollments;
    }

    @Override
    public String toString() {
        return "chain state at height " + height() + " " + tipHash();
    }
}
