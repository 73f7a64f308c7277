package org.ebc.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code openssl} command-line tool, for interoperability tests: what we sign must verify with
 * openssl, and what openssl signs must verify with us. If openssl is not installed the test fails (never
 * skips) with the line that installs it.
 */
public final class Openssl {
    private static final List<String> CANDIDATES =
            List.of("/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl");

    private Openssl() {}

    /** The outcome of one openssl run: its exit code and its combined stdout/stderr. */
    public record Run(List<String> command, int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Fails the test with the command and openssl's own words if the run did not succeed. */
        public Run requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(
                        "openssl failed (exit " + exitCode + "): " + String.join(" ", command) + "\n" + output);
            }
            return this;
        }
    }

    public static String executable() {
        for (String c : CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, "openssl");
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new AssertionError("openssl is needed by this interoperability test but is not installed. "
                + "Install it with: sudo apt-get install -y openssl");
    }

    /** Runs {@code openssl <args…>} in {@code workDir} and waits at most 30 s for it. */
    public static Run run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openssl did not finish within 30 s: " + String.join(" ", command));
            }
            return new Run(command, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running openssl", e);
        }
    }
}
