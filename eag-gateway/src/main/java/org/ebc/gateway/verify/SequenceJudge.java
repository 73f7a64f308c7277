package org.ebc.gateway.verify;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Power;
import org.ebc.wire.Ack;

/**
 * The second verification stage: the page counter and register decision for one reading against what is
 * stored for its meter. It must see every earlier decision for that meter, so the gateway calls it from
 * the single writer thread, inside the transaction that will store the result.
 *
 * <ul>
 *   <li>A page already stored with identical bytes is a re-delivery (a lost ack, an agent's retransmit,
 *       the broker's redelivery): acknowledged again, stored once, counted apart from attacks.</li>
 *   <li>A page already stored with different bytes is {@link RejectReason#DOUBLE_SIGNED_PAGE}: the node
 *       signed one page number twice, which an honest agent never does; both records are evidence.</li>
 *   <li>A page above the highest stored one is appended if neither register is below the highest page's;
 *       if it skips pages, the missing range becomes a gap event. The first page ever seen of a meter
 *       opens a gap {@code 1..n-1} when it is not page 1, so that every missing page below the highest
 *       stored one lies in a gap. Nothing waits for a gap to close.</li>
 *   <li>A page below the highest stored one that is not stored is a missing page arriving late (out of
 *       order, e.g. an agent's retransmit overtaken by newer pages). There is no time window: the record
 *       is genuinely signed and was never stored, and the UNIQUE (meter, page) constraint keeps it from
 *       being stored twice. It is stored if its registers lie between those of its stored neighbours
 *       below and above (so registers never decrease in page order), and it counts towards closing the
 *       gap it was missing from; otherwise it is {@link RejectReason#REGISTER_DECREASED}.</li>
 * </ul>
 *
 *
 * <p>Every stored page must also be physically possible: between a page and its stored neighbours, neither
 * register may rise by more than the node's rated connection ({@link RatedPower}) could deliver in the time
 * between their readings, plus {@link #SLACK_WH} for register resolution (an S0 meter counts in pulses of
 * up to a few Wh). A larger rise is {@link RejectReason#IMPLAUSIBLE_POWER}: refused, so it never settles.
 *
 * <p>Pure: no I/O except through the {@link MeterHistory} port. Not thread-safe (neither is the port).
 */
public final class SequenceJudge {
    /** Register resolution allowed on top of the rated power: one S0 pulse or one Wh of rounding, twice. */
    public static final long SLACK_WH = 3;

    /** The most power a node's connection can carry, in either direction. */
    @FunctionalInterface
    public interface RatedPower {
        Power of(NodeId node);
    }

    private final RatedPower rated;

    public SequenceJudge(RatedPower rated) {
        this.rated = Objects.requireNonNull(rated, "rated");
    }

    public SequenceDecision judge(VerifiedReading r, MeterHistory history) {
        Optional<byte[]> stored = history.storedBytes(r.meter(), r.page());
        if (stored.isPresent()) {
            if (Arrays.equals(stored.get(), r.raw())) {
                return new SequenceDecision.Redelivery(r);
            }
            return new SequenceDecision.DoubleSigned(
                    r.reject(
                            RejectReason.DOUBLE_SIGNED_PAGE,
                            "page T" + r.page() + " of meter " + r.meter()
                                    + " is already stored with different bytes: the meter signed one page twice"),
                    r,
                    stored.get());
        }
        Optional<MeterHistory.StoredRegisters> head = history.highest(r.meter());
        if (head.isEmpty() || r.page() > head.get().page()) {
            if (head.isPresent()) {
                String problem = notBelow(r, head.get());
                if (problem != null) {
                    return new SequenceDecision.Refuse(r.reject(RejectReason.REGISTER_DECREASED, problem));
                }
                String power = implausible(r.node(), head.get(), registersOf(r));
                if (power != null) {
                    return new SequenceDecision.Refuse(r.reject(RejectReason.IMPLAUSIBLE_POWER, power));
                }
            }
            long expected = head.map(h -> h.page() + 1).orElse(1L);
            Ack.PageRange gap = r.page() > expected ? new Ack.PageRange(expected, r.page() - 1) : null;
            return new SequenceDecision.Append(r, gap);
        }
        Optional<MeterHistory.StoredRegisters> below = history.nearestBelow(r.meter(), r.page());
        Optional<MeterHistory.StoredRegisters> above = history.nearestAbove(r.meter(), r.page());
        String problem = below.map(b -> notBelow(r, b)).orElse(null);
        if (problem == null) {
            problem = above.map(a -> notAbove(r, a)).orElse(null);
        }
        if (problem != null) {
            return new SequenceDecision.Refuse(r.reject(RejectReason.REGISTER_DECREASED, problem));
        }
        MeterHistory.StoredRegisters self = registersOf(r);
        String power = below.map(b -> implausible(r.node(), b, self)).orElse(null);
        if (power == null) {
            power = above.map(a -> implausible(r.node(), self, a)).orElse(null);
        }
        if (power != null) {
            return new SequenceDecision.Refuse(r.reject(RejectReason.IMPLAUSIBLE_POWER, power));
        }
        return new SequenceDecision.Fill(r);
    }

    private static MeterHistory.StoredRegisters registersOf(VerifiedReading r) {
        return new MeterHistory.StoredRegisters(r.page(), r.importRegister(), r.exportRegister(), r.readingTime());
    }

    /**
     * Null if going from {@code earlier} to {@code later} (a higher page) needs no more power than the node's
     * rated connection. Time that runs backwards between pages counts as no time at all.
     */
    private String implausible(NodeId node, MeterHistory.StoredRegisters earlier, MeterHistory.StoredRegisters later) {
        long millis = Math.max(
                0, Duration.between(earlier.readingTime(), later.readingTime()).toMillis());
        long watts = rated.of(node).watts();
        // watts × ms / 3 600 000 = Wh the connection could carry; exact in 128 bits, rounded down.
        long possible = possibleWh(watts, millis) + SLACK_WH;
        String register = null;
        long rise = 0;
        long importRise = later.importRegister().wh() - earlier.importRegister().wh();
        if (importRise > possible) {
            register = "import";
            rise = importRise;
        } else if (later.exportRegister() != null && earlier.exportRegister() != null) {
            long exportRise =
                    later.exportRegister().wh() - earlier.exportRegister().wh();
            if (exportRise > possible) {
                register = "export";
                rise = exportRise;
            }
        }
        if (register == null) {
            return null;
        }
        return register + " register rose " + rise + " Wh from T" + earlier.page() + " to T" + later.page() + " in "
                + millis + " ms: more than the rated " + rated.of(node) + " allows (" + (possible - SLACK_WH) + " Wh)";
    }

    static long possibleWh(long watts, long millis) {
        return java.math.BigInteger.valueOf(watts)
                .multiply(java.math.BigInteger.valueOf(millis))
                .divide(java.math.BigInteger.valueOf(3_600_000L))
                .min(java.math.BigInteger.valueOf(Long.MAX_VALUE / 2))
                .longValueExact();
    }

    /** Null if neither register of {@code r} is below those of the earlier page {@code earlier}. */
    private static String notBelow(VerifiedReading r, MeterHistory.StoredRegisters earlier) {
        if (r.importRegister().isLessThan(earlier.importRegister())) {
            return describe("import", r.importRegister(), "below", earlier);
        }
        if (r.exportRegister() != null
                && earlier.exportRegister() != null
                && r.exportRegister().isLessThan(earlier.exportRegister())) {
            return describe("export", r.exportRegister(), "below", earlier);
        }
        return null;
    }

    /** Null if neither register of {@code r} is above those of the later page {@code later}. */
    private static String notAbove(VerifiedReading r, MeterHistory.StoredRegisters later) {
        if (later.importRegister().isLessThan(r.importRegister())) {
            return describe("import", r.importRegister(), "above", later);
        }
        if (r.exportRegister() != null
                && later.exportRegister() != null
                && later.exportRegister().isLessThan(r.exportRegister())) {
            return describe("export", r.exportRegister(), "above", later);
        }
        return null;
    }

    private static String describe(String register, Energy value, String relation, MeterHistory.StoredRegisters other) {
        Energy otherValue = register.equals("import") ? other.importRegister() : other.exportRegister();
        return register + " register " + value + " is " + relation + " the " + otherValue + " of stored page T"
                + other.page();
    }
}
