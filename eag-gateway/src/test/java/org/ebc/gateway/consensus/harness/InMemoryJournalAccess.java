package org.ebc.gateway.consensus.harness;

import org.ebc.gateway.consensus.InMemoryJournal;

/** Damage to a journal, for the test that a restart refuses one it cannot read. */
public final class InMemoryJournalAccess {
    private InMemoryJournalAccess() {}

    public static void recordGarbage(InMemoryJournal journal, long height) {
        journal.recordSigned(height, CoreFixture.utf8("EBC1|{\"typ\":\"cs-audit\"}|{}"));
    }
}
