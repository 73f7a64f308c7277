package org.ebc.gateway.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link ConsensusJournal}'s twin in memory, kept across a simulated restart. Not thread-safe. */
public final class InMemoryJournal implements ConsensusJournal {
    private final TreeMap<Long, List<byte[]>> signed = new TreeMap<>();
    private final TreeMap<Long, ValidBlock> valid = new TreeMap<>();

    @Override
    public void recordSigned(long height, byte[] message) {
        signed.computeIfAbsent(height, h -> new ArrayList<>()).add(message.clone());
    }

    @Override
    public void recordValid(long height, int round, byte[] block, List<byte[]> justification) {
        valid.put(height, new ValidBlock(round, block.clone(), justification));
    }

    @Override
    public List<byte[]> signed(long height) {
        return List.copyOf(signed.getOrDefault(height, List.of()));
    }

    @Override
    public Optional<ValidBlock> valid(long height) {
        return Optional.ofNullable(valid.get(height));
    }

    @Override
    public void forgetBelow(long height) {
        signed.headMap(height).clear();
        valid.headMap(height).clear();
    }

    /** How many votes are journalled, all heights together (for tests). */
    public int signedCount() {
        int n = 0;
        for (Map.Entry<Long, List<byte[]>> e : signed.entrySet()) {
            n += e.getValue().size();
        }
        return n;
    }
}
