package org.ebc.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's memory from {@code /proc/<pid>/status} (Linux), in kB; -1 if unreadable. */
record ProcessMemory(long rssKb, long peakRssKb) {

    static ProcessMemory of(long pid) {
        long rss = -1;
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new ProcessMemory(-1, -1);
        }
        return new ProcessMemory(rss, hwm);
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    static String mb(long kb) {
        return kb < 0 ? "n/a" : String.format("%.1f MB", kb / 1024.0);
    }
}
