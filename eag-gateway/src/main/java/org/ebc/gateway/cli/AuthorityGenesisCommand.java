package org.ebc.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.gateway.authority.AuthorityRegistry;
import org.ebc.gateway.authority.CertificateAuthority;
import org.ebc.gateway.authority.IssuedEntry;
import org.ebc.ledger.EagMember;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.GenesisBuilder;
import org.ebc.ledger.Quorum;
import org.ebc.ledger.Target;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authority genesis}: writes the consortium's genesis file, signed with the authority's root key. */
@Command(
        name = "genesis",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write the genesis file that fixes a consortium: its EAGs and their certificates (from this authority's registry), "
                    + "the initial coins per node, the block interval and difficulty rule, the timestamp rule, the mining reward, "
                    + "the proof-of-flow award and the quorum rule, signed with ca.key.",
            "",
            "Every EAG checks the file with nothing but ca.crt; its SHA-256 (printed) is the chain id that every block names. "
                    + "A consortium's genesis is never replaced: another genesis is another chain. Refuses to overwrite --out.",
            "",
            "Amounts are coins with up to 8 decimals (1 coin = 100000000 minor units); durations are a number and a unit "
                    + "(ms, s, min, h), e.g. 10s."
        })
final class AuthorityGenesisCommand extends AuthorityAction {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|min|h)");

    @Option(
            names = "--consortium",
            required = true,
            paramLabel = "NAME",
            description = "The consortium's name (1-64 characters of A-Z a-z 0-9 . _ - and space).")
    String consortium;

    @Option(
            names = "--eag",
            paramLabel = "ID",
            description =
                    "An EAG of the consortium (repeat; default: every EAG with a valid, unrevoked certificate in the registry).")
    List<String> eags = new ArrayList<>();

    @Option(
            names = "--time",
            paramLabel = "ISO-8601",
            description =
                    "The genesis time, e.g. 2026-11-21T08:00:00Z (default: now). EAG certificates must be valid then.")
    String time;

    @Option(
            names = "--allocation",
            paramLabel = "COINS",
            defaultValue = "20",
            description = "Coins each registered node is granted once (default ${DEFAULT-VALUE}).")
    String allocation;

    @Option(
            names = "--node-allocation",
            paramLabel = "NODE=COINS",
            description = "Another grant for one node (0: none). Repeat for several.")
    List<String> nodeAllocations = new ArrayList<>();

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "Intended time between blocks (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(
            names = "--initial-target-bits",
            paramLabel = "N",
            defaultValue = "16",
            description =
                    "Initial difficulty: a block hash must start with N zero bits, about 2^N hashes (default ${DEFAULT-VALUE}).")
    int initialBits;

    @Option(
            names = "--max-target-bits",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Easiest difficulty the retarget may reach, in leading zero bits (default ${DEFAULT-VALUE}: any hash).")
    int maxBits;

    @Option(
            names = "--retarget-window",
            paramLabel = "BLOCKS",
            defaultValue = "10",
            description = "Blocks between retargets (default ${DEFAULT-VALUE}).")
    int window;

    @Option(
            names = "--retarget-clamp",
            paramLabel = "FACTOR",
            defaultValue = "4",
            description = "Largest change of the target at one retarget (default ${DEFAULT-VALUE}).")
    int clamp;

    @Option(
            names = "--future-allowance",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "How far ahead of an EAG's clock a block may be stamped (default ${DEFAULT-VALUE}).")
    String futureAllowance;

    @Option(
            names = "--median-window",
            paramLabel = "BLOCKS",
            defaultValue = "11",
            description =
                    "A block must be stamped after the median of this many blocks before it (default ${DEFAULT-VALUE}).")
    int medianWindow;

    @Option(
            names = "--reward",
            paramLabel = "COINS",
            defaultValue = "1",
            description = "What each block pays its miner (default ${DEFAULT-VALUE}).")
    String reward;

    @Option(
            names = "--proof-of-flow-period",
            paramLabel = "DURATION",
            description = "Length of a proof-of-flow period (with --proof-of-flow-award; default: no award).")
    String pofPeriod;

    @Option(
            names = "--proof-of-flow-award",
            paramLabel = "COINS",
            description = "What the top seller of a period in an EAG earns.")
    String pofAward;

    @Option(
            names = "--quorum",
            paramLabel = "2f+1|all",
            defaultValue = "2f+1",
            description = "Commit signatures needed: 2f+1 of n (default) or all (the paper's rule).")
    String quorum;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the genesis (default: DIR/genesis.ebc).")
    Path out;

    @Override
    int execute(PrintWriter stdout) {
        CertificateAuthority ca = CertificateAuthority.open(dir, clock);
        Instant at = time == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS) : parseTime(time);
        GenesisBuilder b = Genesis.builder();
        try {
            b.consortium(consortium).time(at);
            for (Map.Entry<EagId, X509Certificate> e :
                    members(ca.registry(), at).entrySet()) {
                b.eag(e.getKey(), e.getValue());
            }
            b.allocationPerNode(coins("--allocation", allocation));
            for (String na : nodeAllocations) {
                int eq = na.indexOf('=');
                if (eq < 1 || !NodeId.isValid(na.substring(0, eq))) {
                    throw usage("Invalid value for option '--node-allocation': '" + na + "' is not NODE=COINS");
                }
                b.allocation(NodeId.of(na.substring(0, eq)), coins("--node-allocation", na.substring(eq + 1)));
            }
            b.interval(duration("--interval", interval))
                    .initialTarget(bits("--initial-target-bits", initialBits))
                    .maxTarget(bits("--max-target-bits", maxBits))
                    .retarget(window, clamp)
                    .futureAllowance(duration("--future-allowance", futureAllowance))
                    .medianWindow(medianWindow)
                    .reward(coins("--reward", reward))
                    .quorum(Quorum.fromWire(quorum)
                            .orElseThrow(() ->
                                    usage("Invalid value for option '--quorum': '" + quorum + "' is not 2f+1 or all")));
            if ((pofPeriod == null) != (pofAward == null)) {
                throw usage("--proof-of-flow-period and --proof-of-flow-award go together");
            }
            if (pofPeriod != null) {
                b.proofOfFlow(duration("--proof-of-flow-period", pofPeriod), coins("--proof-of-flow-award", pofAward));
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        PrivateKey key = Pem.readPrivateKey(dir.resolve("ca.key"));
        byte[] signed;
        try {
            signed = b.sign(new KeyPair(ca.root().getPublicKey(), key), ca.root());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Path file = out != null ? out : dir.resolve("genesis.ebc");
        try {
            Files.write(file, signed, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new KeyFileException(
                    file,
                    Files.exists(file) ? "exists; a genesis is never replaced" : "cannot write: " + e.getMessage(),
                    e);
        }
        Genesis g = Genesis.verify(signed, ca.root()).orElseThrow();
        stdout.println("Wrote genesis of '" + g.consortium() + "' to " + file + " (" + signed.length + " bytes)");
        stdout.printf("  %-10s %s%n", "chain id", g.hash());
        stdout.printf("  %-10s %s%n", "time", Instant.ofEpochMilli(g.timeMillis()));
        for (EagMember m : g.members()) {
            stdout.printf("  %-10s %s key %s address %s%n", "eag", m.id(), m.keyId(), m.address());
        }
        stdout.printf(
                "  %-10s %s per node%s%n",
                "allocation",
                g.allocation().perNode(),
                g.allocation().nodes().isEmpty() ? "" : ", " + g.allocation().nodes());
        stdout.printf(
                "  %-10s every %d ms, initial target %s, retarget every %d blocks by at most %d×%n",
                "blocks",
                g.difficulty().intervalMillis(),
                g.difficulty().initialTarget(),
                g.difficulty().window(),
                g.difficulty().clamp());
        stdout.printf("  %-10s %s per block%n", "reward", g.reward());
        stdout.printf(
                "  %-10s %s%n",
                "pof",
                g.proofOfFlow()
                        .map(p -> p.award() + " per " + p.periodMillis() + " ms")
                        .orElse("none"));
        stdout.printf(
                "  %-10s %s (%d of %d)%n",
                "quorum", g.quorum().wire(), g.quorumSize(), g.members().size());
        stdout.println("Give " + file.getFileName() + " to every EAG with ca.crt; each checks it with ca.crt alone.");
        return 0;
    }

    private Map<EagId, X509Certificate> members(AuthorityRegistry registry, Instant at) {
        Map<EagId, X509Certificate> latest = new LinkedHashMap<>();
        for (IssuedEntry e : registry.eags()) {
            if (e.role() == CertificateRole.EAG && e.isValidAt(at) && !registry.isRevoked(e)) {
                latest.put(EagId.of(e.id()), e.certificate());
            }
        }
        if (eags.isEmpty()) {
            if (latest.isEmpty()) {
                throw usage("the registry has no EAG with a certificate valid at " + at
                        + "; issue them with issue-eag first");
            }
            return latest;
        }
        Map<EagId, X509Certificate> chosen = new LinkedHashMap<>();
        for (String id : eags) {
            if (!EagId.isValid(id) || !latest.containsKey(EagId.of(id))) {
                throw usage("Invalid value for option '--eag': '" + id + "' has no valid, unrevoked EAG certificate at "
                        + at);
            }
            chosen.put(EagId.of(id), latest.get(EagId.of(id)));
        }
        return chosen;
    }

    private Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw usage("Invalid value for option '--time': '" + text
                    + "' is not an ISO-8601 instant such as 2026-11-21T08:00:00Z");
        }
    }

    /** Coins with at most 8 decimals, exactly, as minor units; never through a double. */
    private CoinAmount coins(String option, String text) {
        try {
            BigDecimal minor = new BigDecimal(text).movePointRight(8);
            if (minor.signum() < 0 || minor.stripTrailingZeros().scale() > 0) {
                throw new NumberFormatException();
            }
            return CoinAmount.ofMinorUnits(minor.longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw usage("Invalid value for option '" + option + "': '" + text
                    + "' is not an amount of coins >= 0 with at most 8 decimals");
        }
    }

    private Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw usage("Invalid value for option '" + option + "': '" + text
                    + "' is not a duration such as 250ms, 10s, 15min or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "min" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private Target bits(String option, int bits) {
        if (bits < 0 || bits > 255) {
            throw usage("Invalid value for option '" + option + "': " + bits + " is not 0-255");
        }
        return Target.ofLeadingZeroBits(bits);
    }
}
