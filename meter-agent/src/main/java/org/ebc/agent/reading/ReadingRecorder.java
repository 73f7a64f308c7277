package org.ebc.agent.reading;

import java.time.Clock;
import java.time.Instant;
import org.ebc.agent.config.AgentConfig.FaultPolicy;
import org.ebc.agent.config.ClockStatusPolicy;
import org.ebc.agent.reading.RecordSigner.MeterStatus;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.agent.register.RegisterTracker;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.AgentEvent;
import org.ebc.agent.store.Counter;
import org.ebc.agent.store.EventJournal;
import org.ebc.agent.store.MeterState;
import org.ebc.agent.store.MeterStateStore;
import org.ebc.agent.store.Outbox;
import org.ebc.agent.store.StoreException;
import org.ebc.hardware.EnergyMeter;
import org.ebc.hardware.MeterRead;
import org.ebc.ocmf.ClockStatus;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;
import org.tinylog.Logger;

/**
 * Takes one reading: meter → durable registers → signed OCMF record → outbox, with the page reserved
 * and the registers persisted in the same fsync'd transaction that stores the record. A page is therefore
 * never signed into two different records: if the process dies before the commit, nothing signed left it
 * and the page is still free; after the commit the record is in the outbox under that page for good.
 *
 * <p>What happens to a reading:
 * <ul>
 *   <li>good meter read, outbox has room: signed with {@code ST=G};
 *   <li>failed meter read (or an absolute meter that went backwards): with {@code reading.on-meter-fault =
 *       sign} (default) a signed fault record repeating the last good registers with {@code EF=E} and a
 *       fault letter ({@link FaultLetters}), so the gateway learns of the fault and no page is skipped;
 *       with {@code skip}, nothing is signed. Either way an event is logged on the transition into and
 *       out of the fault, and every faulted reading is counted;
 *   <li>outbox full: nothing is signed, the registers are still persisted (energy keeps being counted and
 *       the next record carries it), an event is logged when the outbox becomes full and when it has room
 *       again, and every skipped reading is counted.
 * </ul>
 *
 * <p>Not thread-safe: called on the agent thread only.
 */
public final class ReadingRecorder {
    private final NodeId node;
    private final AgentDatabase db;
    private final Outbox outbox;
    private final EnergyMeter meter;
    private final RecordSigner signer;
    private final RegisterTracker registers;
    private final FaultPolicy faultPolicy;
    private final ClockStatusPolicy clockStatus;
    private final Clock clock;
    private PageCounter nextPage;
    private boolean outboxFull;
    private boolean meterFaulted;

    /** What became of one reading. */
    public enum Result {
        SIGNED,
        SIGNED_FAULT,
        SKIPPED_OUTBOX_FULL,
        SKIPPED_METER_FAULT,
        STORE_FAILED
    }

    public ReadingRecorder(
            NodeId node,
            AgentDatabase db,
            Outbox outbox,
            EnergyMeter meter,
            RecordSigner signer,
            MeterState persisted,
            FaultPolicy faultPolicy,
            ClockStatusPolicy clockStatus,
            Clock clock) {
        this.node = node;
        this.db = db;
        this.outbox = outbox;
        this.meter = meter;
        this.signer = signer;
        this.registers = new RegisterTracker(persisted.registers());
        this.nextPage = persisted.nextPage();
        this.faultPolicy = faultPolicy;
        this.clockStatus = clockStatus;
        this.clock = clock;
        this.outboxFull = outbox.isFull();
    }

    /** The page the next signed record will carry. */
    public PageCounter nextPage() {
        return nextPage;
    }

    /** The durable registers as last persisted. */
    public EnergyRegisters registers() {
        return registers.current();
    }

    public boolean outboxFull() {
        return outboxFull;
    }

    /** Reads the meter now and records the reading for {@code reason}. Never throws for a meter or disk fault. */
    public Result record(ReadingReason reason) {
        Instant at = clock.instant();
        MeterRead read = meter.read();
        try {
            return switch (read) {
                case MeterRead.Ok ok ->
                    switch (registers.propose(ok.snapshot())) {
                        case RegisterTracker.Outcome.Advanced a -> recordGood(at, reason, a);
                        case RegisterTracker.Outcome.WentBackwards w ->
                            recordFault(
                                    at,
                                    reason,
                                    FaultLetters.registersWentBackwards(),
                                    AgentEvent.REGISTER_WENT_BACKWARDS,
                                    "meter reports " + w.meter() + ", below the persisted " + w.persisted()
                                            + " (exchanged, reset or tampered with); registers held");
                    };
                case MeterRead.Failed f ->
                    recordFault(
                            at,
                            reason,
                            FaultLetters.of(f.fault()),
                            AgentEvent.METER_FAULT,
                            f.fault() + ": " + f.detail());
            };
        } catch (StoreException e) {
            // Nothing was committed: the page is still free and the register tracker did not advance, so the
            // next reading carries the energy counted meanwhile.
            Logger.error("node={} event=STORE_FAILED reading not stored: {}", node, e.getMessage());
            return Result.STORE_FAILED;
        }
    }

    private Result recordGood(Instant at, ReadingReason reason, RegisterTracker.Outcome.Advanced a) {
        String recovered = null;
        if (meterFaulted) {
            recovered = "meter reads again: " + a.registers();
        }
        Result r = store(
                at,
                reason,
                a.registers(),
                MeterStatus.GOOD,
                recovered == null ? null : AgentEvent.METER_RECOVERED,
                recovered);
        if (r != Result.STORE_FAILED) {
            registers.accept(a);
            if (recovered != null) {
                meterFaulted = false;
                Logger.info("node={} event=METER_RECOVERED {}", node, recovered);
            }
        }
        return r;
    }

    private Result recordFault(Instant at, ReadingReason reason, MeterStatus status, AgentEvent kind, String detail) {
        boolean first = !meterFaulted;
        if (first) {
            Logger.warn("node={} event={} {}", node, kind, detail);
        }
        if (faultPolicy == FaultPolicy.SKIP) {
            db.inTransaction(c -> {
                if (first) {
                    EventJournal.record(c, at, kind, detail);
                }
                EventJournal.add(
                        c,
                        kind == AgentEvent.REGISTER_WENT_BACKWARDS
                                ? Counter.READINGS_SKIPPED_REGISTER_BACKWARDS
                                : Counter.READINGS_SKIPPED_METER_FAULT,
                        1);
                return null;
            });
            meterFaulted = true;
            return Result.SKIPPED_METER_FAULT;
        }
        Result r = store(at, reason, registers.current(), status, first ? kind : null, detail);
        if (r != Result.STORE_FAILED) {
            meterFaulted = true;
        }
        return r;
    }

    /** Signs and appends, or (outbox full) only persists the registers; one transaction either way. */
    private Result store(
            Instant at,
            ReadingReason reason,
            EnergyRegisters regs,
            MeterStatus status,
            AgentEvent event,
            String eventDetail) {
        if (outbox.isFull()) {
            boolean becameFull = !outboxFull;
            db.inTransaction(c -> {
                MeterStateStore.save(c, nextPage, regs, at);
                EventJournal.add(c, Counter.READINGS_SKIPPED_OUTBOX_FULL, 1);
                if (becameFull) {
                    EventJournal.add(c, Counter.OUTBOX_FULL_EVENTS, 1);
                    EventJournal.record(
                            c,
                            at,
                            AgentEvent.OUTBOX_FULL,
                            "outbox holds " + outbox.depth() + " records (limit " + outbox.limit()
                                    + "); new readings are not signed until the gateway acknowledges, registers keep counting");
                }
                if (event != null) {
                    EventJournal.record(c, at, event, eventDetail);
                }
                return null;
            });
            if (becameFull) {
                Logger.warn(
                        "node={} event=OUTBOX_FULL depth={} limit={}: readings are not signed until the gateway acknowledges; registers keep counting",
                        node,
                        outbox.depth(),
                        outbox.limit());
            }
            outboxFull = true;
            return Result.SKIPPED_OUTBOX_FULL;
        }
        boolean resumed = outboxFull;
        PageCounter page = nextPage;
        ClockStatus clockLetter = clockStatus.current();
        byte[] record = signer.sign(page, at, clockLetter, reason, regs, status);
        outbox.append(new Outbox.Entry(page.value(), record, at, reason.letter(), status.status(), regs), c -> {
            MeterStateStore.save(c, page.next(), regs, at);
            EventJournal.add(c, Counter.RECORDS_SIGNED, 1);
            if (!status.isGood()) {
                EventJournal.add(c, Counter.FAULT_RECORDS_SIGNED, 1);
            }
            if (resumed) {
                EventJournal.record(
                        c,
                        at,
                        AgentEvent.OUTBOX_RESUMED,
                        "outbox has room again (" + outbox.depth() + " records); signing from page " + page);
            }
            if (event != null) {
                EventJournal.record(c, at, event, eventDetail);
            }
            return null;
        });
        nextPage = page.next();
        if (resumed) {
            outboxFull = false;
            Logger.info("node={} event=OUTBOX_RESUMED signing again from page {}", node, page.value());
        }
        Logger.debug(
                "node={} signed page={} tx={} st={} {}", node, page.value(), reason.letter(), status.status(), regs);
        return status.isGood() ? Result.SIGNED : Result.SIGNED_FAULT;
    }
}
