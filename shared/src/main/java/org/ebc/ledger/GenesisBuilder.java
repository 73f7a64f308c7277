package org.ebc.ledger;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * Assembles and signs a {@link Genesis} (the authority's {@code authority genesis} command). Every setter
 * checks its value and throws {@link IllegalArgumentException} naming it, so a command can report the
 * option. Not thread-safe; one builder per genesis.
 *
 * <p>Defaults: 20 coins per node (the paper's evaluation), a 10 s block interval, an initial target of 2^-16
 * (about 65,000 hashes, a few milliseconds on one core) and the easiest maximum target, retarget every 10
 * blocks by at most a factor of 4, 30 s future allowance, median of 11, 1 coin mining reward, no
 * proof-of-flow award, quorum {@code 2f+1}.
 */
public final class GenesisBuilder {
    private @Nullable String consortium;
    private @Nullable Instant time;
    private final Map<EagId, X509Certificate> eags = new TreeMap<>();
    private CoinAmount perNode = CoinAmount.ofCoins(20);
    private final Map<NodeId, CoinAmount> nodes = new TreeMap<>();
    private long intervalMillis = 10_000;
    private Target initialTarget = Target.ofLeadingZeroBits(16);
    private Target maxTarget = Target.EASIEST;
    private int window = 10;
    private int clamp = 4;
    private long futureAllowanceMillis = 30_000;
    private int medianWindow = 11;
    private CoinAmount reward = CoinAmount.ofCoins(1);
    private @Nullable ProofOfFlowRule proofOfFlow;
    private Quorum quorum = Quorum.BYZANTINE;

    GenesisBuilder() {}

    public GenesisBuilder consortium(String name) {
        if (!GenesisCodec.isConsortiumName(name)) {
            throw new IllegalArgumentException(
                    "consortium name '" + name + "' is not 1-64 characters of [A-Za-z0-9._ -]");
        }
        this.consortium = name;
        return this;
    }

    /** The genesis time (ms precision): height 0's timestamp; EAG certificates must be valid then. */
    public GenesisBuilder time(Instant time) {
        if (time.toEpochMilli() < 0) {
            throw new IllegalArgumentException("genesis time must not be before 1970");
        }
        this.time = Instant.ofEpochMilli(time.toEpochMilli());
        return this;
    }

    /** Adds an EAG; its certificate's CN must be {@code id}. */
    public GenesisBuilder eag(EagId id, X509Certificate certificate) {
        Optional<CertificateSubject> s = Certificates.subjectOf(certificate);
        if (s.isEmpty() || !s.get().id().equals(id.value())) {
            throw new IllegalArgumentException("the certificate given for EAG " + id + " is not " + id + "'s");
        }
        if (eags.putIfAbsent(id, certificate) != null) {
            throw new IllegalArgumentException("EAG " + id + " is listed twice");
        }
        return this;
    }

    public GenesisBuilder allocationPerNode(CoinAmount amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("per-node allocation must not be negative: " + amount);
        }
        this.perNode = amount;
        return this;
    }

    /** An exception to the per-node allocation for one node (zero: none). */
    public GenesisBuilder allocation(NodeId node, CoinAmount amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("allocation of " + node + " must not be negative: " + amount);
        }
        nodes.put(node, amount);
        return this;
    }

    public GenesisBuilder interval(Duration interval) {
        this.intervalMillis = interval.toMillis();
        return this;
    }

    public GenesisBuilder initialTarget(Target target) {
        this.initialTarget = target;
        return this;
    }

    public GenesisBuilder maxTarget(Target target) {
        this.maxTarget = target;
        return this;
    }

    /** Retarget every {@code window} blocks, changing the target by at most a factor {@code clamp}. */
    public GenesisBuilder retarget(int window, int clamp) {
        this.window = window;
        this.clamp = clamp;
        return this;
    }

    public GenesisBuilder futureAllowance(Duration allowance) {
        this.futureAllowanceMillis = allowance.toMillis();
        return this;
    }

    public GenesisBuilder medianWindow(int blocks) {
        this.medianWindow = blocks;
        return this;
    }

    public GenesisBuilder reward(CoinAmount reward) {
        if (reward.isNegative()) {
            throw new IllegalArgumentException("mining reward must not be negative: " + reward);
        }
        this.reward = reward;
        return this;
    }

    public GenesisBuilder proofOfFlow(Duration period, CoinAmount award) {
        this.proofOfFlow = new ProofOfFlowRule(period.toMillis(), award);
        return this;
    }

    public GenesisBuilder quorum(Quorum quorum) {
        this.quorum = quorum;
        return this;
    }

    /** The payload the authority signs. */
    public byte[] payloadBytes(String authorityName) {
        if (consortium == null || time == null || eags.isEmpty()) {
            throw new IllegalArgumentException("a genesis needs a consortium name, a time and at least one EAG");
        }
        if (eags.size() > GenesisCodec.MAX_EAGS) {
            throw new IllegalArgumentException("at most " + GenesisCodec.MAX_EAGS + " EAGs");
        }
        return GenesisCodec.payloadBytes(
                authorityName,
                time.toEpochMilli(),
                consortium,
                eags,
                new AllocationRule(perNode, nodes),
                new DifficultyRule(intervalMillis, initialTarget, maxTarget, window, clamp),
                new TimestampRule(futureAllowanceMillis, medianWindow),
                reward,
                proofOfFlow,
                quorum);
    }

    /**
     * Signs the genesis with the authority's root key and checks the result as every EAG will.
     *
     * @throws IllegalArgumentException if the result does not verify against {@code root} (an EAG
     *     certificate from another authority, or not valid at the genesis time)
     */
    public byte[] sign(KeyPair rootKeys, X509Certificate root) {
        String authority = Certificates.subjectOf(root)
                .map(CertificateSubject::id)
                .orElseThrow(() -> new IllegalArgumentException("not an ebc authority root certificate"));
        byte[] signed =
                EnvelopeCodec.sign(payloadBytes(authority), rootKeys.getPrivate(), KeyId.of(rootKeys.getPublic()));
        Outcome<GenesisReason, Genesis> check = Genesis.verify(signed, root);
        if (!check.isOk()) {
            throw new IllegalArgumentException(
                    "the genesis would be refused: " + check.reason() + ": " + check.detail());
        }
        return signed;
    }
}
