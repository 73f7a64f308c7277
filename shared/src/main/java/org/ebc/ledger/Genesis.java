package org.ebc.ledger;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * The file that fixes a consortium, signed by the registration authority's root key, so that anyone holding
 * only the authority's {@code ca.crt} can check it: the EAGs and their certificates, the initial coin
 * allocation per node, the block interval and difficulty rule, the timestamp rule, the mining reward, the
 * proof-of-flow award and the quorum rule. The layout is in {@code docs/ledger.md} and
 * {@link GenesisCodec}; {@link GenesisBuilder} writes one.
 *
 * <p><b>The genesis hash is the chain id.</b> SHA-256 of the complete signed file. Block 1's previous hash is
 * the genesis hash (the genesis takes height 0), and every block header also carries it as its {@code chain}
 * field, so a single header, vote or proof names its consortium without the chain before it. An EAG refuses
 * any block whose chain field or ancestry is another genesis.
 *
 * <p>The consortium is fixed: adding an EAG or re-keying one means a new genesis (a new chain). Immutable.
 */
public final class Genesis {
    /** Size limit of a genesis file (thousands of per-node allocations fit). */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private final byte[] raw;
    private final Sha256Hash hash;
    private final String authority;
    private final long timeMillis;
    private final String consortium;
    private final List<EagMember> members;
    private final AllocationRule allocation;
    private final DifficultyRule difficulty;
    private final TimestampRule timestamps;
    private final CoinAmount reward;
    private final @Nullable ProofOfFlowRule proofOfFlow;
    private final Quorum quorum;
    private final Map<EagId, EagMember> byId = new HashMap<>();
    private final Map<KeyId, EagMember> byKeyId = new HashMap<>();
    private final Map<WalletAddress, EagMember> byAddress = new HashMap<>();

    Genesis(
            byte[] raw,
            String authority,
            long timeMillis,
            String consortium,
            List<EagMember> members,
            AllocationRule allocation,
            DifficultyRule difficulty,
            TimestampRule timestamps,
            CoinAmount reward,
            @Nullable ProofOfFlowRule proofOfFlow,
            Quorum quorum) {
        this.raw = raw.clone();
        this.hash = Sha256Hash.of(raw);
        this.authority = authority;
        this.timeMillis = timeMillis;
        this.consortium = consortium;
        this.members = List.copyOf(members);
        this.allocation = allocation;
        this.difficulty = difficulty;
        this.timestamps = timestamps;
        this.reward = reward;
        this.proofOfFlow = proofOfFlow;
        this.quorum = quorum;
        for (EagMember m : this.members) {
            byId.put(m.id(), m);
            byKeyId.put(m.keyId(), m);
            byAddress.put(m.address(), m);
        }
    }

    /**
     * Verifies a genesis file with nothing but the authority's root certificate: the envelope is signed by
     * the root's key and names the root's CN in {@code from}, every EAG certificate is an EAG certificate
     * issued by that root and valid at the genesis time, and every field is well-formed and in the one
     * accepted encoding. Never throws.
     */
    public static Outcome<GenesisReason, Genesis> verify(byte[] raw, X509Certificate authorityRoot) {
        return GenesisCodec.verify(raw, authorityRoot);
    }

    /** A builder for the authority ({@code eag-gateway authority genesis}). */
    public static GenesisBuilder builder() {
        return new GenesisBuilder();
    }

    /** The chain id: SHA-256 of the complete signed file. */
    public Sha256Hash hash() {
        return hash;
    }

    /** The complete signed file (a copy). */
    public byte[] raw() {
        return raw.clone();
    }

    /** The authority's name (its root certificate's CN). */
    public String authority() {
        return authority;
    }

    /** The genesis time, ms since the epoch: the timestamp of height 0. */
    public long timeMillis() {
        return timeMillis;
    }

    public String consortium() {
        return consortium;
    }

    /** The consortium's EAGs, sorted by id. */
    public List<EagMember> members() {
        return members;
    }

    public Optional<EagMember> member(EagId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The EAG whose key has this id: what envelope verifiers look signers up by. */
    public Optional<EagMember> memberByKeyId(KeyId keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** The EAG whose grid and mining-reward address this is. */
    public Optional<EagMember> memberByAddress(WalletAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    public AllocationRule allocation() {
        return allocation;
    }

    public DifficultyRule difficulty() {
        return difficulty;
    }

    public TimestampRule timestamps() {
        return timestamps;
    }

    /** What each block's coinbase pays its miner, minor units. */
    public CoinAmount reward() {
        return reward;
    }

    /** The proof-of-flow award, if this consortium has one. */
    public Optional<ProofOfFlowRule> proofOfFlow() {
        return Optional.ofNullable(proofOfFlow);
    }

    public Quorum quorum() {
        return quorum;
    }

    /** Signatures a commit needs in this consortium ({@link Quorum#size} of the number of EAGs). */
    public int quorumSize() {
        return quorum.size(members.size());
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Genesis g && Arrays.equals(raw, g.raw);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "genesis " + hash + " of " + consortium + " (" + members.size() + " EAGs, authority " + authority + ")";
    }
}
