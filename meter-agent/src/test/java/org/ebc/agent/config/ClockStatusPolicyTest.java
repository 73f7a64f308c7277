package org.ebc.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ebc.ocmf.ClockStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClockStatusPolicyTest {
    @TempDir
    Path dir;

    @Test
    void theDerivedLetterIsSynchronisedOnlyWhileTheSyncFlagExists() throws Exception {
        Path flag = dir.resolve("synchronized");
        ClockStatusPolicy auto = ClockStatusPolicy.fromSyncFlag(flag);
        assertThat(auto.current()).isEqualTo(ClockStatus.U);
        Files.createFile(flag);
        assertThat(auto.current()).isEqualTo(ClockStatus.S);
    }
}
