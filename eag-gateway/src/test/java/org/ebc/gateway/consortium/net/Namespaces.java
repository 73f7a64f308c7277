package org.ebc.gateway.consortium.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ip} commands the harness runs (iproute2), with their failures turned into messages that say what
 * is missing. Every namespace this harness makes is called {@code ebcns-<pid of the test JVM>-<host>}, so that
 * a later run can tell its own from those a killed run left behind. Stateless; thread-safe.
 */
final class Namespaces {
    static final String PREFIX = "ebcns-";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-\\d+$");
    private static final List<String> IP_CANDIDATES = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");

    private Namespaces() {}

    /** The {@code ip} binary; fails the test, naming the package, if there is none. */
    static String ip() {
        for (String c : IP_CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        throw new AssertionError("The network-namespace tests need the 'ip' command (iproute2), which is not"
                + " installed. Install it with: apt-get install -y iproute2");
    }

    /** Fails the test unless this JVM runs as root and may create network namespaces. */
    static void requireRootAndNetns() {
        String uid = run(List.of("id", "-u")).output().trim();
        if (!uid.equals("0")) {
            throw new AssertionError("The network-namespace tests need root (uid 0) to create namespaces and veth"
                    + " links; this JVM runs as uid " + uid + ". Run them as root (.ci/run does).");
        }
        String probe = PREFIX + ProcessHandle.current().pid() + "-0";
        Result add = run(List.of(ip(), "netns", "add", probe));
        run(List.of(ip(), "netns", "del", probe));
        if (add.exitCode() != 0) {
            throw new AssertionError("The network-namespace tests cannot create a namespace ('ip netns add' failed:"
                    + " " + add.output().trim() + "). They need root with CAP_SYS_ADMIN and CAP_NET_ADMIN.");
        }
    }

    /** The name of host {@code k}'s namespace in this JVM's run. */
    static String name(int k) {
        return PREFIX + ProcessHandle.current().pid() + "-" + k;
    }

    /** Removes the namespaces (and the processes in them) that runs no longer alive left behind. */
    static List<String> removeStale() {
        List<String> removed = new ArrayList<>();
        for (String ns : list()) {
            Matcher m = OURS.matcher(ns);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                remove(ns);
                removed.add(ns);
            }
        }
        return removed;
    }

    static List<String> list() {
        List<String> names = new ArrayList<>();
        for (String line : must(List.of(ip(), "netns", "list")).split("\n")) {
            String name = line.trim().split(" ")[0];
            if (name.startsWith(PREFIX)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Kills every process left in {@code ns}, then deletes it (which deletes its veth ends too). */
    static void remove(String ns) {
        for (String pid : run(List.of(ip(), "netns", "pids", ns)).output().split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        run(List.of(ip(), "netns", "del", ns));
    }

    /** {@code ip -n ns ARGS}, failing with its output if it does not succeed. */
    static String in(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ip(), "-n", ns));
        cmd.addAll(List.of(args));
        return must(cmd);
    }

    static String must(List<String> command) {
        Result r = run(command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.output());
        }
        return r.output();
    }

    record Result(int exitCode, String output) {}

    static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out + " (timed out)");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
