package org.ebc.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.crypto.KeyFileException;

/**
 * Sets keys in the agent's configuration file the way an operator would edit it ({@code meter-agent
 * configure}): a key's line ({@code key = value}, or its commented-out default {@code # key = value}) is
 * replaced in place, so the file keeps its comments and order; a key the file does not mention is appended.
 * The result must be a valid agent configuration ({@link AgentSettings}: every key known, every value in
 * range) before it replaces the file, atomically and with its owner, group and mode kept. Stateless.
 */
public final class ConfigEdit {
    private ConfigEdit() {}

    /**
     * Parses {@code key=value} arguments and the {@code key = value} lines of a settings file (comments
     * and blank lines skipped) into one ordered map; later entries win.
     */
    public static Map<String, String> parse(List<String> lines, String source) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : lines) {
            String l = raw.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 1) {
                throw new ConfigException(l, "", "not key = value (in " + source + ")");
            }
            out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return out;
    }

    /** Applies {@code values} to {@code file}. @throws ConfigException if the result would not be valid */
    public static void apply(Path file, Map<String, String> values) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot read: " + e.getMessage(), e);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            String line = v.getKey() + " = " + v.getValue();
            int at = indexOf(lines, v.getKey() + " ");
            if (at < 0) {
                at = indexOf(lines, v.getKey() + "=");
            }
            if (at < 0) {
                at = indexOf(lines, "# " + v.getKey() + " = ");
            }
            if (at >= 0) {
                lines.set(at, line);
            } else {
                lines.add(line);
            }
        }
        String text = String.join("\n", lines) + "\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            // Checked as the agent would read it, before anything is replaced.
            AgentSettings.of(Settings.load(tmp));
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
                Files.setOwner(tmp, Files.getOwner(file));
                Files.getFileAttributeView(tmp, java.nio.file.attribute.PosixFileAttributeView.class)
                        .setGroup(Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class)
                                .group());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot write: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // Only a leftover temporary file; the configuration itself is unchanged or replaced.
            }
        }
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
