package org.ebc.gateway.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command blocks of the README's "Installing a real site" section, by the name of the
 * {@code <!-- install-test: NAME -->} line above each: what the install test runs, so that the README and the
 * test cannot drift apart. A {@code sh} block without such a line is an error, so nothing in the section goes
 * untested; a backslash at a line's end continues the command, as in the shell.
 */
record ReadmeInstallSection(Map<String, String> blocks) {
    static final String HEADING = "## Installing a real site";
    private static final String MARKER = "<!-- install-test: ";

    static ReadmeInstallSection read(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int start = lines.indexOf(HEADING);
        if (start < 0) {
            throw new AssertionError(readme + " has no section '" + HEADING + "'");
        }
        Map<String, String> blocks = new LinkedHashMap<>();
        String pending = null;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String l = lines.get(i);
            if (l.startsWith(MARKER) && l.endsWith(" -->")) {
                pending = l.substring(MARKER.length(), l.length() - 4).strip();
            } else if (l.startsWith("```")) {
                if (pending == null) {
                    throw new AssertionError(readme + " line " + (i + 1)
                            + ": a code block in '" + HEADING + "' without an '" + MARKER + "NAME -->' line above it;"
                            + " every command there is run by InstallIT");
                }
                StringBuilder b = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    b.append(lines.get(i)).append('\n');
                }
                if (blocks.put(pending, b.toString()) != null) {
                    throw new AssertionError(readme + ": two blocks named '" + pending + "'");
                }
                pending = null;
            }
        }
        return new ReadmeInstallSection(blocks);
    }

    /** The block named {@code name}. */
    String block(String name) {
        String b = blocks.get(name);
        if (b == null) {
            throw new AssertionError("the README's '" + HEADING + "' has no block named '" + name + "' (it has "
                    + blocks.keySet() + ")");
        }
        return b;
    }
}
