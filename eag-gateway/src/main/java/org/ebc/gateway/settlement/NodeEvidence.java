package org.ebc.gateway.settlement;

import java.math.BigInteger;
import java.util.Objects;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.units.Energy;
import org.ebc.units.Power;

/**
 * One node's border evidence for a slot: what its meter proved at the slot's start and end. Immutable.
 *
 * @param start at the slot's start border
 * @param end at the slot's end border
 */
public record NodeEvidence(BorderEvidence start, BorderEvidence end) {
    /** A node with no border reading at all (after the grace). */
    public static final NodeEvidence MISSING = new NodeEvidence(BorderEvidence.missing(), BorderEvidence.missing());

    public NodeEvidence {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Evidence with both borders' registers. */
    public static NodeEvidence of(Energy startImport, Energy startExport, Energy endImport, Energy endExport) {
        return new NodeEvidence(
                BorderEvidence.registers(startImport, startExport), BorderEvidence.registers(endImport, endExport));
    }

    /**
     * What the two borders prove: the registers' increase over the slot, or the first failing border (start
     * first). Registers that went down prove nothing ({@link ProofFailure#IMPLAUSIBLE} at the end border).
     */
    public Metering metering() {
        if (start instanceof BorderEvidence.Unproven u) {
            return new Metering.Unproven(Border.START, u.failure());
        }
        if (end instanceof BorderEvidence.Unproven u) {
            return new Metering.Unproven(Border.END, u.failure());
        }
        BorderEvidence.Registers s = (BorderEvidence.Registers) start;
        BorderEvidence.Registers e = (BorderEvidence.Registers) end;
        if (e.imported().isLessThan(s.imported()) || e.exported().isLessThan(s.exported())) {
            return new Metering.Unproven(Border.END, ProofFailure.IMPLAUSIBLE);
        }
        return new Metering.Measured(
                e.imported().minus(s.imported()), e.exported().minus(s.exported()));
    }

    /**
     * This evidence, or one whose end border is {@link ProofFailure#IMPLAUSIBLE} when either register rose by more
     * than {@code rated} could carry in the slot ({@code rated W × slot length}, rounded up to a whole Wh): a
     * meter that claims more than its connection allows is broken or tampered with, and proves nothing.
     */
    public NodeEvidence checkedAgainst(Power rated, MarketSlot slot) {
        if (!(metering() instanceof Metering.Measured m)) {
            return this;
        }
        // W × ms / 3,600,000 = Wh; rounded up, so a meter exactly at its rating is never refused.
        BigInteger[] qr = BigInteger.valueOf(Math.max(0, rated.watts()))
                .multiply(BigInteger.valueOf(slot.lengthMs()))
                .divideAndRemainder(BigInteger.valueOf(3_600_000));
        BigInteger max = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        boolean tooMuch = max.compareTo(BigInteger.valueOf(m.imported().wh())) < 0
                || max.compareTo(BigInteger.valueOf(m.exported().wh())) < 0;
        return tooMuch ? new NodeEvidence(start, BorderEvidence.unproven(ProofFailure.IMPLAUSIBLE)) : this;
    }
}
