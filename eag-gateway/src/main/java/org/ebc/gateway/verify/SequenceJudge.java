package org.ebc.gateway.verify;

import java.util.Arrays;
import java.util.Optional;
import org.ebc.units.Energy;
import org.ebc.wire.Ack;

/**
 * The second verification stage: the page counter and register decision for one reading against what is
 * stored for its meter. It must see every earlier decision for that meter, so the gateway calls it from
 * the single writer thread, inside the transaction that will store the result.
 *
 * <ul>
 *   <li>A page already stored with identical bytes is a re-delivery (a lost ack, an agent's retransmit,
 *       the broker's redelivery): acknowledged again, stored once, counted apart from attacks.</li>
 *   <li>A page already stored with different bytes is a {@link RejectReason#REPLAY}: the node signed
 *       one page number twice, which an honest agent never does.</li>
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
 * <p>Pure: no I/O except through the {@link MeterHistory} port. Not thread-safe (neither is the port).
 */
public final class SequenceJudge {

    public SequenceDecision judge(VerifiedReading r, MeterHistory history) {
        Optional<byte[]> stored = history.storedBytes(r.meter(), r.page());
        if (stored.isPresent()) {
            if (Arrays.equals(stored.get(), r.raw())) {
                return new SequenceDecision.Redelivery(r);
            }
            return new SequenceDecision.Refuse(r.reject(
                    RejectReason.REPLAY,
                    "page T" + r.page() + " of meter " + r.meter() + " is already stored with different bytes"));
        }
        Optional<MeterHistory.StoredRegisters> head = history.highest(r.meter());
        if (head.isEmpty() || r.page() > head.get().page()) {
            if (head.isPresent()) {
                String problem = notBelow(r, head.get());
                if (problem != null) {
                    return new SequenceDecision.Refuse(r.reject(RejectReason.REGISTER_DECREASED, problem));
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
        return new SequenceDecision.Fill(r);
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
