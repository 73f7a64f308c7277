package org.ebc.gateway.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh Debian chroot for the install test, made from a cached debootstrap tarball: minbase plus
 * ca-certificates and systemd (for {@code systemctl enable} offline and {@code systemd-analyze}), with apt's
 * package lists; the cache lives in {@code ~/.cache/ebc/debootstrap/} and is rebuilt when older than two weeks.
 * Downloaded packages are kept in {@code ~/.cache/ebc/apt/<suite>-<arch>/}, bind-mounted as the chroot's apt
 * cache, so that a rerun installs without the network.
 *
 * <p>Commands run either with the host's network (to fetch packages) or inside a network namespace of the
 * chroot's own that has only loopback, where the services run: they bind 8883 and 8884 without colliding with
 * anything on the machine, and nothing outside can reach them. Services started by the test's systemctl
 * (the chroot's {@code /usr/bin/systemctl}; the real one is diverted) leave their pids in {@code /run/ebc-shim/};
 * {@link #close}
 * ends exactly those, then unmounts everything it mounted. Not thread-safe.
 */
final class DebianChroot implements AutoCloseable {
    static final String MIRROR = "http://deb.debian.org/debian";
    private static final Duration CACHE_AGE = Duration.ofDays(14);

    final Path root;
    final String arch;
    private final Path netns;
    private final List<Path> mounts = new ArrayList<>();

    private DebianChroot(Path root, String arch) {
        this.root = root;
        this.arch = arch;
        this.netns = root.resolve("run/ebc-netns");
    }

    /** Unpacks a fresh chroot into {@code root} (removed first), mounts /proc and the apt cache, makes the netns. */
    static DebianChroot create(Path root, String suite, String arch) throws Exception {
        requireTools();
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "ebc");
        Path tarball = cache.resolve("debootstrap/" + suite + "-" + arch + ".tar");
        if (!Files.exists(tarball)
                || Files.getLastModifiedTime(tarball)
                        .toInstant()
                        .isBefore(Instant.now().minus(CACHE_AGE))) {
            bootstrap(tarball, suite, arch);
        }
        removeTree(root);
        Files.createDirectories(root);
        host(Duration.ofMinutes(5), "tar", "-C", root.toString(), "-xf", tarball.toString());
        DebianChroot c = new DebianChroot(root, arch);
        try {
            c.mount(root.resolve("proc"), "-t", "proc", "proc");
            Path archives = Files.createDirectories(cache.resolve("apt/" + suite + "-" + arch));
            Files.createDirectories(archives.resolve("partial"));
            c.mount(root.resolve("var/cache/apt/archives"), "--bind", archives.toString());
            Files.createFile(c.netns);
            host(Duration.ofSeconds(30), "unshare", "--net=" + c.netns, "true");
            c.mounts.add(c.netns);
            host(Duration.ofSeconds(30), "nsenter", "--net=" + c.netns, "ip", "link", "set", "lo", "up");
            return c;
        } catch (Exception | AssertionError e) {
            try {
                c.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void requireTools() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        id.waitFor();
        if (!uid.equals("0")) {
            throw new AssertionError("the install test builds a Debian chroot and needs root (uid 0, not " + uid
                    + "): run ./ebc test as root, as .ci/run does");
        }
        for (String tool :
                new String[] {"/usr/sbin/debootstrap", "/usr/bin/unshare", "/usr/bin/nsenter", "/usr/sbin/chroot"}) {
            if (!Files.isExecutable(Path.of(tool))
                    && !Files.isExecutable(Path.of(tool.replace("/usr/sbin/", "/usr/bin/")))) {
                throw new AssertionError("the install test needs " + tool
                        + ": apt-get install -y debootstrap util-linux iproute2 (./ebc test installs them as root)");
            }
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))
                && !Files.isExecutable(Path.of("/sbin/ip"))) {
            throw new AssertionError("the install test needs ip: apt-get install -y iproute2");
        }
    }

    private static void bootstrap(Path tarball, String suite, String arch) throws Exception {
        Path work = tarball.resolveSibling(suite + "-" + arch + ".work");
        removeTree(work);
        Files.createDirectories(work.getParent());
        System.out.println("install test: debootstrap " + suite + " " + arch + " from " + MIRROR + " (once; cached in "
                + tarball + ")");
        Result r = run(
                Duration.ofMinutes(30),
                null,
                "debootstrap",
                "--variant=minbase",
                "--arch=" + arch,
                "--include=ca-certificates,systemd",
                suite,
                work.toString(),
                MIRROR);
        if (r.exit() != 0) {
            throw new AssertionError("debootstrap of " + suite + " " + arch + " from " + MIRROR + " failed (network? "
                    + (arch.equals("amd64") ? "" : "qemu-user-static and binfmt_misc for " + arch + "? ") + "):\n"
                    + r.tail());
        }
        Path proc = work.resolve("proc");
        host(Duration.ofSeconds(30), "mount", "-t", "proc", "proc", proc.toString());
        try {
            Result update = run(Duration.ofMinutes(10), null, "chroot", work.toString(), "apt-get", "update", "-qq");
            if (update.exit() != 0) {
                throw new AssertionError("apt-get update in the new chroot failed:\n" + update.tail());
            }
        } finally {
            host(Duration.ofSeconds(30), "umount", proc.toString());
        }
        Path tmp = tarball.resolveSibling(tarball.getFileName() + ".part");
        host(Duration.ofMinutes(5), "tar", "-C", work.toString(), "-cf", tmp.toString(), ".");
        Files.move(tmp, tarball, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(tarball, FileTime.from(Instant.now()));
        removeTree(work);
    }

    private void mount(Path target, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mount"));
        cmd.addAll(List.of(args));
        cmd.add(target.toString());
        host(Duration.ofSeconds(30), cmd.toArray(String[]::new));
        mounts.add(target);
    }

    /** The output of a command; {@link #tail} for failure messages. */
    record Result(int exit, String output) {
        String tail() {
            String[] lines = output.split("\n");
            return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
        }
    }

    /**
     * Runs {@code script} with {@code sh -e -x} as root in the chroot, in {@code dir}.
     *
     * @param network true: with the host's network (apt downloads); false: in the chroot's own loopback-only
     *     network namespace, where the services run
     * @param stdin what the script reads (apt's "Do you want to continue?" takes the answer from it)
     */
    Result sh(String script, String dir, boolean network, Duration timeout, String stdin) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (!network) {
            cmd.addAll(List.of("nsenter", "--net=" + netns));
        }
        cmd.addAll(List.of(
                "chroot",
                root.toString(),
                "/usr/bin/env",
                "-i",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME=/root",
                "LANG=C.UTF-8",
                "TERM=dumb",
                "/bin/sh",
                "-e",
                "-x",
                "-c",
                "cd " + dir + " && " + script));
        return run(timeout, stdin, cmd.toArray(String[]::new));
    }

    /** As {@link #sh(String, String, boolean, Duration, String)} in the namespace, from /root, with no input. */
    Result sh(String script) throws Exception {
        return sh(script, "/root", false, Duration.ofMinutes(2), "");
    }

    /** Runs a command on the host; fails the test if it fails. */
    static Result host(Duration timeout, String... cmd) throws Exception {
        Result r = run(timeout, null, cmd);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited with " + r.exit() + ":\n" + r.tail());
        }
        return r;
    }

    static Result run(Duration timeout, String stdin, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Path out = Files.createTempFile("ebc-install-", ".log");
        pb.redirectOutput(out.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd[0] + " (is it installed?): " + e.getMessage(), e);
        }
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The command did not read its input: fine.
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                String text = Files.readString(out, StandardCharsets.ISO_8859_1);
                throw new AssertionError(String.join(" ", cmd).replace("\n", " ") + " did not finish within " + timeout
                        + ":\n" + new Result(-1, text).tail());
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A file in the chroot. */
    Path file(String path) {
        return root.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** The pids the test's systemctl started and that still run, by unit. */
    Map<String, Long> services() throws IOException {
        Map<String, Long> out = new java.util.TreeMap<>();
        Path dir = file("/run/ebc-shim");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String text = Files.readString(p).strip();
                if (text.isEmpty()) {
                    continue;
                }
                long pid = Long.parseLong(text);
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    out.put(p.getFileName().toString().replace(".pid", ""), pid);
                }
            }
        }
        return out;
    }

    /** Ends the services the test started (by their pids), then unmounts what {@link #create} mounted. */
    @Override
    public void close() throws IOException {
        try {
            for (long pid : services().values()) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("install test: could not read the service pids: " + e.getMessage());
        }
        for (int i = mounts.size() - 1; i >= 0; i--) {
            try {
                Result r = run(
                        Duration.ofSeconds(30), null, "umount", mounts.get(i).toString());
                if (r.exit() != 0) {
                    run(
                            Duration.ofSeconds(30),
                            null,
                            "umount",
                            "-l",
                            mounts.get(i).toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while unmounting " + mounts.get(i), e);
            } catch (Exception e) {
                throw new IOException("cannot unmount " + mounts.get(i) + ": " + e.getMessage(), e);
            }
        }
        mounts.clear();
    }

    static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        // Never follow a mount point out of the tree: everything mounted below was unmounted by close().
        Result r;
        try {
            r = run(Duration.ofMinutes(5), null, "rm", "-rf", "--one-file-system", dir.toString());
        } catch (Exception e) {
            throw new IOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
        if (r.exit() != 0) {
            throw new UncheckedIOException(new IOException("rm -rf " + dir + " failed: " + r.tail()));
        }
    }
}
