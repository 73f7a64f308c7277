package org.ebc.agent.enroll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The user a service runs as ({@code ebc-meter} for the packaged agent), read from {@code /etc/passwd} and
 * {@code /etc/group}, and whether it may read a file: what {@code enroll --check} asks when root runs it, so
 * that "usable" means usable by the service, not by root (who reads everything). Judged from the permission
 * bits, owner and group as the kernel would for a plain (non-ACL) file. Immutable; thread-safe.
 *
 * @param name the user's name
 * @param uid its user id
 * @param gids its primary group and every group that lists it as a member
 */
public record ServiceUser(String name, int uid, Set<Integer> gids) {

    public ServiceUser {
        gids = Set.copyOf(gids);
    }

    /** The packaged agent's user. */
    public static final String AGENT = "ebc-meter";

    /** Looks {@code name} up in {@code etc}'s passwd and group files; empty if there is no such user. */
    public static Optional<ServiceUser> lookup(String name, Path etc) {
        try {
            for (String line : Files.readAllLines(etc.resolve("passwd"), StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[0].equals(name)) {
                    Set<Integer> gids = new HashSet<>();
                    gids.add(Integer.parseInt(f[3]));
                    for (String g : Files.readAllLines(etc.resolve("group"), StandardCharsets.UTF_8)) {
                        String[] gf = g.split(":", -1);
                        if (gf.length >= 4 && List.of(gf[3].split(",")).contains(name)) {
                            gids.add(Integer.parseInt(gf[2]));
                        }
                    }
                    return Optional.of(new ServiceUser(name, Integer.parseInt(f[2]), gids));
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True if the current process runs as root (uid 0). */
    public static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Why this user cannot read {@code file} (or search {@code file} if it is a directory), or empty if it can.
     * A missing file is not this check's business (the certificate check reports it).
     */
    public Optional<String> cannotRead(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            int owner = (Integer) Files.getAttribute(file, "unix:uid");
            int group = (Integer) Files.getAttribute(file, "unix:gid");
            boolean dir = Files.isDirectory(file);
            int need = dir ? 01 : 04; // search a directory, read a file
            int bits = owner == uid ? (mode >> 6) & 7 : gids.contains(group) ? (mode >> 3) & 7 : mode & 7;
            if ((bits & need) != 0) {
                return Optional.empty();
            }
            String ownerName = Files.getOwner(file).getName();
            return Optional.of(file + " (owner " + ownerName + ", mode " + Integer.toOctalString(mode & 07777)
                    + ") cannot be " + (dir ? "entered" : "read") + " by " + name
                    + ", as which the service runs; run: chown " + name + ": " + file);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.of(file + ": cannot read its owner and mode: " + e.getMessage());
        }
    }
}
