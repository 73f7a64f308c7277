package org.ebc.gateway.verify;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.ebc.units.MeterSerial;

/** The in-memory twin of the writer's SQLite meter history, for the sequence decision's unit tests. */
final class InMemoryMeterHistory implements MeterHistory {
    private record Page(StoredRegisters registers, byte[] raw) {}

    private final Map<MeterSerial, NavigableMap<Long, Page>> meters = new HashMap<>();

    void store(VerifiedReading r) {
        meters.computeIfAbsent(r.meter(), m -> new TreeMap<>())
                .put(
                        r.page(),
                        new Page(
                                new StoredRegisters(r.page(), r.importRegister(), r.exportRegister(), r.readingTime()),
                                r.raw()));
    }

    @Override
    public Optional<byte[]> storedBytes(MeterSerial meter, long page) {
        return Optional.ofNullable(pages(meter).get(page)).map(Page::raw);
    }

    @Override
    public Optional<StoredRegisters> highest(MeterSerial meter) {
        return Optional.ofNullable(pages(meter).lastEntry())
                .map(e -> e.getValue().registers());
    }

    @Override
    public Optional<StoredRegisters> nearestBelow(MeterSerial meter, long page) {
        return Optional.ofNullable(pages(meter).lowerEntry(page))
                .map(e -> e.getValue().registers());
    }

    @Override
    public Optional<StoredRegisters> nearestAbove(MeterSerial meter, long page) {
        return Optional.ofNullable(pages(meter).higherEntry(page))
                .map(e -> e.getValue().registers());
    }

    private NavigableMap<Long, Page> pages(MeterSerial meter) {
        return meters.getOrDefault(meter, new TreeMap<>());
    }
}
