package org.ebc.gateway.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "Installing a real site", typed into a stock Debian 13 (trixie) chroot exactly as written: both
 * packages installed with apt (which pulls OpenJDK), the authority, the gateway with its embedded broker (TLS
 * and topic rights), a meter provisioned from the site's bundle with nothing but the authority's approval, readings
 * in {@code eag-gateway status}; then the site Mosquitto with TLS and the generated ACL, the CRL refresh, a
 * backup while the gateway runs, an upgrade to a rebuilt package (services restarted, the admin's
 * disable kept, data kept), the purge, and a restore on a freshly installed system that starts on the restored
 * data. The units' sandboxing is judged with {@code systemd-analyze}. Services run as their users (setpriv) under
 * the test's systemctl (no systemd in a chroot), in a network namespace with only loopback.
 *
 * <p>On demand, the same on arm64 under qemu-user: {@code -Debc.install.arch=arm64} (binfmt_misc must know
 * qemu-aarch64; every step is slower there, so the waits are longer).
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class InstallIT {
    private static final String ARCH = System.getProperty("ebc.install.arch", "amd64");
    private static final int SLOWER = ARCH.equals("amd64") ? 1 : 8;
    private static final String YES = "y\n".repeat(20);
    private static final Pattern NODE_READINGS = Pattern.compile("node-0001\\s+SIM-0001\\s+(\\d+)");
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for ([\\w.-]+): ([0-9.]+)");

    private DebianChroot c;
    private ReadmeInstallSection readme;

    @Test
    void theReadmesStepsInstallASiteOnStockDebianThatDeliversReadingsThroughBothBrokersAndSurvivesUpgradeAndMove()
            throws Exception {
        readme = ReadmeInstallSection.read(Path.of("../README.md"));
        Path gatewayDeb = newest(Path.of("target"), "ebc-eag-gateway_");
        Path agentDeb = newest(Path.of("../meter-agent/target"), "ebc-meter-agent_");
        Path work = Path.of("target", "install-it", ARCH).toAbsolutePath();
        Instant t0 = Instant.now();
        try (DebianChroot chroot = DebianChroot.create(work.resolve("root"), "trixie", ARCH)) {
            c = chroot;
            prepare(gatewayDeb, agentDeb);
            log(t0, "chroot ready, packages fetched");

            // 1. The gateway and the authority; the embedded broker.
            run("gateway", "/root/debs/v1");
            assertOwner("/var/lib/ebc-eag-gateway/keys", "ebc-eag", "ebc-eag", "rwx------");
            assertOwner("/var/lib/ebc-eag-gateway/keys/eag.key", "ebc-eag", "ebc-eag", "rw-------");
            assertOwner("/var/lib/ebc-eag-gateway/keys/eag.crt", "ebc-eag", "ebc-eag", null);
            assertOwner("/var/lib/ebc-authority", "root", "ebc-eag", "rwx--x---");
            assertOwner("/var/lib/ebc-authority/ca.key", "root", "ebc-eag", "rw-------");
            assertOwner("/var/lib/ebc-authority/registry.json", "root", "ebc-eag", "rw-r-----");
            awaitLog("ebc-eag-gateway.service", "subscribed to ebc/v1/eag-0001/", Duration.ofMinutes(3));
            assertThat(log("ebc-eag-gateway.service"))
                    .contains("and TLS 0.0.0.0:8883 (authority certificates)")
                    .doesNotContain("revocation list", "Exception");
            assertThat(shOk("systemctl is-enabled ebc-enrollment || true")).contains("disabled");
            log(t0, "gateway runs with its embedded broker");

            // 2. A meter from the bundle, approved at the authority.
            run("bundle", "/root");
            awaitLog(
                    "ebc-enrollment.service",
                    "enrollment service for /var/lib/ebc-authority listening",
                    Duration.ofMinutes(2));
            // "Copy /root/ebc-bundle to each meter's card as ebc/ on its boot partition" (one machine here).
            shOk("mkdir -p /boot/firmware && cp -r /root/ebc-bundle /boot/firmware/ebc");
            run("meter", "/root/debs/v1");
            assertThat(shOk("systemctl is-enabled ebc-meter-agent || true")).contains("disabled");
            // GPIO and serial ports on Debian as on Raspberry Pi OS: group gpio (made here) with the udev rule,
            // dialout.
            assertThat(shOk("id -nG ebc-meter")).contains("gpio", "dialout");
            assertThat(Files.readString(c.file("/usr/lib/udev/rules.d/60-ebc-meter-agent.rules")))
                    .contains("KERNEL==\"gpiochip*\", GROUP=\"gpio\"");
            await(
                    "the meter's request in `authority pending`",
                    Duration.ofMinutes(3),
                    () -> shOk("eag-gateway authority pending --dir /var/lib/ebc-authority")
                            .matches("(?s).*node-0001\\s+SIM-0001\\s+\\w+\\s+yes.*"));
            run("approve", "/root");
            await(
                    "ebc-meter-agent started by the provisioning",
                    Duration.ofMinutes(3),
                    () -> c.services().containsKey("ebc-meter-agent.service")
                            && log("ebc-meter-provision.service").contains("ebc-meter-agent enabled and started"));
            assertThat(log("ebc-meter-provision.service"))
                    .contains("checked as ebc-meter, the service's user", "ebc-meter-agent enabled and started");
            assertOwner("/etc/ebc/keys/node.key", "ebc-meter", "ebc-meter", "rw-------");
            assertOwner("/etc/ebc/keys/node.crt", "ebc-meter", "ebc-meter", null);
            assertOwner("/etc/ebc/keys/wallet-1.key", "ebc-meter", "ebc-meter", "rw-------");
            long embedded = awaitReadings(1, Duration.ofMinutes(3));
            String status = run("status", "/root").output();
            assertThat(status).contains("node-0001", "SIM-0001");
            run("fleet-done", "/root");
            assertThat(c.services()).doesNotContainKey("ebc-enrollment.service");
            log(t0, "meter delivers through the embedded broker (" + embedded + " readings)");

            // The consortium's chain: the genesis named in ledger.genesis, the gateway's seat mining blocks.
            int beforeLedger = log("ebc-eag-gateway.service").length();
            run("ledger", "/root");
            awaitLogAfter("ebc-eag-gateway.service", beforeLedger, "committed block 1 ", Duration.ofMinutes(3));
            assertThat(logSince("ebc-eag-gateway.service", beforeLedger))
                    .contains("ledger: seat eag-0001 in consortium")
                    .doesNotContain("Exception");
            log(t0, "the gateway mines and commits blocks");

            // Units: verified and judged as systemd would, in the chroot's systemd.
            String figures = judgeUnits();
            log(t0, "units judged:\n" + figures);

            // 3. The site Mosquitto; Debian's own Mosquitto on localhost:1883 never collides with the gateway.
            run("mosquitto", "/root/debs/v1");
            awaitLog("ebc-eag-gateway.service", "broker ssl://gateway.local:8883", Duration.ofMinutes(2));
            await(
                    "node-0001 connected to Mosquitto",
                    Duration.ofMinutes(2),
                    () -> Files.readString(c.file("/var/log/mosquitto/mosquitto.log"))
                            .contains("as node-0001"));
            long switched = readings();
            long throughMosquitto = awaitReadings(switched + 2, Duration.ofMinutes(2));
            String mosquittoLog = Files.readString(c.file("/var/log/mosquitto/mosquitto.log"));
            assertThat(mosquittoLog)
                    .contains("Opening ipv4 listen socket on port 8883")
                    .contains("as node-0001")
                    .doesNotContain("Error", "world readable", "owner is not", "group is not");
            // Mosquitto warns about the two public-topic patterns that name no client (every node reads them);
            // nothing else.
            assertThat(mosquittoLog.lines().filter(l -> l.contains("Warning")))
                    .allMatch(l -> l.contains("does not contain '%c' or '%u'"))
                    .hasSize(2);
            assertThat(mosquittoLog).containsPattern("New client connected from .* as ebc-gateway-eag-0001");
            // The seat follows the gateway to Mosquitto: its consortium client logs in as the EAG, blocks go on.
            String gatewayLog = log("ebc-eag-gateway.service");
            awaitLogAfter(
                    "ebc-eag-gateway.service",
                    gatewayLog.lastIndexOf("broker ssl://gateway.local:8883"),
                    "committed block",
                    Duration.ofMinutes(2));
            assertThat(Files.readString(c.file("/var/log/mosquitto/mosquitto.log")))
                    .containsPattern("New client connected from .* as ebc-consensus-eag-0001");
            assertPortInUseIsAConfigurationErrorSystemdDoesNotRestart();
            log(t0, "meter delivers through Mosquitto (" + throughMosquitto + " readings)");

            // 4. CRL, backup.
            run("crl", "/root");
            assertThat(c.services()).containsKey("mosquitto.service");
            run("backup", "/root");
            String manifest = Files.readString(c.file("/root/gateway-backup/MANIFEST"));
            assertThat(manifest).contains("integrity ok", "keys included");
            long backedUp = Long.parseLong(manifest.replaceAll("(?s).*\nreadings (\\d+)\n.*", "$1"));
            assertThat(backedUp).isGreaterThanOrEqualTo(throughMosquitto);

            // An upgrade to a rebuilt package: running services restarted, the disabled one left alone, data kept.
            String v1 = version(gatewayDeb);
            String v2 = v1 + "+rebuild1";
            rebuild(gatewayDeb, v2, "ebc-eag-gateway");
            rebuild(agentDeb, v2, "ebc-meter-agent");
            Map<String, Long> before = c.services();
            run("upgrade", "/root/debs/v2");
            assertThat(shOk("dpkg-query -W -f '${Package}=${Version}\\n' ebc-eag-gateway ebc-meter-agent"))
                    .contains("ebc-eag-gateway=" + v2, "ebc-meter-agent=" + v2);
            Map<String, Long> after = c.services();
            assertThat(after.get("ebc-eag-gateway.service"))
                    .as("the gateway restarted on the new version")
                    .isNotNull()
                    .isNotEqualTo(before.get("ebc-eag-gateway.service"));
            assertThat(after.get("ebc-meter-agent.service"))
                    .as("the agent restarted on the new version")
                    .isNotNull()
                    .isNotEqualTo(before.get("ebc-meter-agent.service"));
            assertThat(after).doesNotContainKey("ebc-enrollment.service");
            assertThat(shOk("systemctl is-enabled ebc-enrollment || true")).contains("disabled");
            assertThat(shOk("systemctl is-enabled ebc-eag-gateway ebc-meter-agent"))
                    .doesNotContain("disabled");
            long upgraded = awaitReadings(backedUp + 2, Duration.ofMinutes(4));
            log(t0, "upgraded to " + v2 + ", readings go on (" + upgraded + ")");

            // Removal: programs, units and configuration go; the data stays.
            run("purge", "/root");
            assertThat(c.services()).doesNotContainKeys("ebc-eag-gateway.service", "ebc-meter-agent.service");
            assertThat(c.file("/etc/ebc/eag-gateway.properties")).doesNotExist();
            assertThat(c.file("/usr/lib/systemd/system/ebc-eag-gateway.service"))
                    .doesNotExist();
            assertThat(c.file("/usr/bin/meter-agent")).doesNotExist();
            assertThat(c.file("/var/lib/ebc-eag-gateway/gateway.db")).exists();
            assertThat(c.file("/etc/ebc/keys/node.key")).exists();

            // New hardware: no gateway data and no authority; the package, then the README's restore.
            shOk("rm -rf /var/lib/ebc-eag-gateway /var/lib/ebc-authority");
            c.sh("apt install ./ebc-eag-gateway_*_all.deb", "/root/debs/v2", false, timeout(5), YES);
            run("restore", "/root");
            awaitLog("ebc-eag-gateway.service", "subscribed to ebc/v1/eag-0001/", Duration.ofMinutes(3));
            // The restored chain goes on from its stored height (the genesis came back with the authority's files).
            // The reinstalled package's gateway has no ledger.genesis: the newest seat line is the restored one's.
            // (The unit's log may have been started anew by the reinstall, so no offset from before is used.)
            String seat = "ledger: seat eag-0001 in consortium";
            await("the restored gateway's seat committing blocks", Duration.ofMinutes(2), () -> {
                String l = log("ebc-eag-gateway.service");
                int at = l.lastIndexOf(seat);
                return at >= 0 && l.indexOf("committed block", at) > at;
            });
            String restored = log("ebc-eag-gateway.service");
            String seatLine = restored.substring(restored.lastIndexOf(seat))
                    .lines()
                    .findFirst()
                    .orElseThrow();
            assertThat(seatLine)
                    .as("the restored chain is the one backed up, not a new one")
                    .containsPattern("\\(1 EAG\\(s\\), quorum 1\\), chain at height [1-9]");
            // Everything backed up is there; Mosquitto may deliver more that it queued for the gateway meanwhile.
            assertThat(readings()).isGreaterThanOrEqualTo(backedUp);
            assertOwner("/var/lib/ebc-eag-gateway/gateway.db", "ebc-eag", "ebc-eag", null);
            assertOwner("/var/lib/ebc-eag-gateway/keys/eag.key", "ebc-eag", "ebc-eag", "rw-------");
            log(t0, "restored on a fresh install: " + backedUp + " readings");
        }
    }

    private void prepare(Path gatewayDeb, Path agentDeb) throws Exception {
        Path debs = Files.createDirectories(c.file("/root/debs/v1"));
        Files.copy(gatewayDeb, debs.resolve(gatewayDeb.getFileName()));
        Files.copy(agentDeb, debs.resolve(agentDeb.getFileName()));
        shOk("dpkg-divert --local --rename --divert /usr/bin/systemctl.distrib --add /usr/bin/systemctl");
        try (var shim = InstallIT.class.getResourceAsStream("systemctl")) {
            Path target = c.file("/usr/bin/systemctl");
            Files.copy(shim, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        // What a booted system has that a chroot lacks: systemd "running" (so maintainer scripts use systemctl, here
        // the test's), the site's name for the gateway (DNS or mDNS), apt keeping what it downloads (for reruns).
        Files.createDirectories(c.file("/run/systemd/system"));
        Files.writeString(
                c.file("/etc/hosts"),
                "127.0.0.1 localhost gateway.local\n::1 localhost\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(
                c.file("/etc/apt/apt.conf.d/99ebc-install-test"),
                "Binary::apt::APT::Keep-Downloaded-Packages \"true\";\nAPT::Keep-Downloaded-Packages \"true\";\n");
        // Every package the README's apt commands install, fetched with the network (into the cache, so a rerun
        // needs none); the README's commands then run in the namespace without it.
        DebianChroot.Result fetch = c.sh(
                "apt-get install --download-only -y ./" + gatewayDeb.getFileName() + " ./" + agentDeb.getFileName()
                        + " mosquitto",
                "/root/debs/v1",
                true,
                timeout(20),
                "");
        if (fetch.exit() != 0) {
            throw new AssertionError("fetching the packages from " + DebianChroot.MIRROR
                    + " failed (is the Debian mirror reachable?):\n" + fetch.tail());
        }
    }

    /** Runs one README block; fails with its output and the services' logs if it fails. */
    private DebianChroot.Result run(String block, String dir) throws Exception {
        DebianChroot.Result r = c.sh(readme.block(block), dir, false, timeout(10), YES);
        if (r.exit() != 0) {
            throw new AssertionError(
                    "README block '" + block + "' failed (exit " + r.exit() + "):\n" + r.tail() + "\n" + logs());
        }
        return r;
    }

    private String shOk(String script) throws Exception {
        DebianChroot.Result r = c.sh(script, "/root", false, timeout(2), "");
        if (r.exit() != 0) {
            throw new AssertionError(script + " failed (exit " + r.exit() + "):\n" + r.tail() + "\n" + logs());
        }
        return r.output();
    }

    private long readings() throws Exception {
        DebianChroot.Result r =
                c.sh("eag-gateway status --config /etc/ebc/eag-gateway.properties", "/root", false, timeout(2), "");
        Matcher m = NODE_READINGS.matcher(r.output());
        return r.exit() == 0 && m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private long awaitReadings(long atLeast, Duration atMost) throws Exception {
        long[] last = {-1};
        await("node-0001 with at least " + atLeast + " reading(s) in `eag-gateway status`", atMost, () -> {
            last[0] = readings();
            return last[0] >= atLeast;
        });
        return last[0];
    }

    private String log(String unit) throws IOException {
        Path f = c.file("/var/log/ebc-shim/" + unit + ".log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private void awaitLog(String unit, String text, Duration atMost) throws Exception {
        await(unit + " logging '" + text + "'", atMost, () -> log(unit).contains(text));
    }

    /** The unit's log after its first {@code from} characters; all of it if the log was started anew since. */
    private String logSince(String unit, int from) throws IOException {
        String l = log(unit);
        return from >= 0 && from <= l.length() ? l.substring(from) : l;
    }

    /** Waits for {@code text} in the unit's log after its first {@code from} characters (a log of one run on). */
    private void awaitLogAfter(String unit, int from, String text, Duration atMost) throws Exception {
        await(
                unit + " logging '" + text + "'",
                atMost,
                () -> logSince(unit, from).contains(text));
    }

    private String logs() {
        StringBuilder b = new StringBuilder();
        for (String unit : new String[] {
            "ebc-eag-gateway.service",
            "ebc-meter-agent.service",
            "ebc-meter-provision.service",
            "ebc-enrollment.service",
            "mosquitto.service"
        }) {
            try {
                String[] lines = log(unit).split("\n");
                b.append("--- ").append(unit).append(" (last lines)\n");
                for (int i = Math.max(0, lines.length - 25); i < lines.length; i++) {
                    b.append(lines[i]).append('\n');
                }
            } catch (IOException e) {
                b.append("--- ")
                        .append(unit)
                        .append(": ")
                        .append(e.getMessage())
                        .append('\n');
            }
        }
        return b.toString();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private void await(String what, Duration atMost, Check check) throws Exception {
        Instant deadline = Instant.now().plus(atMost.multipliedBy(SLOWER));
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + atMost.multipliedBy(SLOWER) + ": " + what + "\n" + logs());
            }
            // Polling a chroot's files and commands: there is no event to wait on.
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static Duration timeout(int minutes) {
        return Duration.ofMinutes((long) minutes * SLOWER);
    }

    private void assertOwner(String path, String owner, String group, String mode) throws IOException {
        Path f = c.file(path);
        // Numeric ids, resolved against the chroot's own /etc/passwd and /etc/group (the host knows other names).
        assertThat(Files.getAttribute(f, "unix:uid").toString())
                .as(path + " owner")
                .isEqualTo(idOf(owner, "passwd"));
        assertThat(Files.getAttribute(f, "unix:gid").toString())
                .as(path + " group")
                .isEqualTo(idOf(group, "group"));
        if (mode != null) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .as(path + " mode")
                    .isEqualTo(mode);
        }
    }

    private String idOf(String name, String db) throws IOException {
        for (String line : Files.readAllLines(c.file("/etc/" + db))) {
            String[] f = line.split(":");
            if (f[0].equals(name)) {
                return f[2];
            }
        }
        throw new AssertionError("the chroot has no " + (db.equals("passwd") ? "user " : "group ") + name);
    }

    /**
     * A configured port that another process holds stops the gateway with the status its unit does not restart
     * on (RestartPreventExitStatus): here the embedded broker's TLS port while Mosquitto has 8883.
     */
    private void assertPortInUseIsAConfigurationErrorSystemdDoesNotRestart() throws Exception {
        String unit = Files.readString(c.file("/usr/lib/systemd/system/ebc-eag-gateway.service"));
        Matcher m = Pattern.compile("(?m)^RestartPreventExitStatus=(\\d+)").matcher(unit);
        assertThat(m.find()).isTrue();
        shOk("install -d -o ebc-eag -g ebc-eag -m 0750 /var/lib/ebc-probe && "
                + "printf 'eag.id = eag-0001\\ndata.dir = /var/lib/ebc-probe\\nkeys.dir = /var/lib/ebc-eag-gateway/keys\\n"
                + "broker.tls.port = 8883\\n' > /etc/ebc/probe.properties && chgrp ebc-eag /etc/ebc/probe.properties && "
                + "chmod 0640 /etc/ebc/probe.properties");
        DebianChroot.Result r = c.sh(
                "setpriv --reuid=ebc-eag --regid=ebc-eag --init-groups /usr/bin/eag-gateway run --config /etc/ebc/probe.properties",
                "/",
                false,
                timeout(3),
                "");
        assertThat(r.exit()).as(r.tail()).isEqualTo(Integer.parseInt(m.group(1)));
        assertThat(r.output()).contains("broker.tls.port = 8883", "in use by another process");
        shOk("rm -rf /var/lib/ebc-probe /etc/ebc/probe.properties");
    }

    /** systemd-analyze verify and security of both services, in the chroot; each exposure at most 4.5. */
    private String judgeUnits() throws Exception {
        StringBuilder figures = new StringBuilder();
        String units =
                "/usr/lib/systemd/system/ebc-eag-gateway.service /usr/lib/systemd/system/ebc-meter-agent.service";
        DebianChroot.Result verify = c.sh("systemd-analyze verify " + units, "/", false, timeout(2), "");
        figures.append("systemd-analyze verify: exit ")
                .append(verify.exit())
                .append('\n')
                .append(verify.output());
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).doesNotContain("Unknown key", "Failed to parse", "Invalid");
        for (String unit : units.split(" ")) {
            DebianChroot.Result s = c.sh("systemd-analyze security --offline=yes " + unit, "/", false, timeout(2), "");
            Matcher m = EXPOSURE.matcher(s.output());
            assertThat(m.find()).as(s.output()).isTrue();
            figures.append(m.group(0)).append('\n');
            assertThat(Double.parseDouble(m.group(2)))
                    .as(unit + " exposure\n" + s.output())
                    .isLessThanOrEqualTo(4.5);
        }
        Files.writeString(Path.of("target", "install-it", ARCH, "units.txt"), figures.toString());
        return figures.toString();
    }

    /** The same package with a higher version: what the next build would be, for the upgrade. */
    private void rebuild(Path deb, String version, String name) throws Exception {
        Path dir = Path.of("target", "install-it", ARCH, "rebuild-" + name).toAbsolutePath();
        DebianChroot.removeTree(dir);
        DebianChroot.host(
                Duration.ofMinutes(2), "dpkg-deb", "-R", deb.toAbsolutePath().toString(), dir.toString());
        Path control = dir.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
        Path out = Files.createDirectories(c.file("/root/debs/v2")).resolve(name + "_" + version + "_all.deb");
        DebianChroot.host(
                Duration.ofMinutes(5),
                "dpkg-deb",
                "--root-owner-group",
                "-Zgzip",
                "-b",
                dir.toString(),
                out.toString());
        DebianChroot.removeTree(dir);
    }

    private static String version(Path deb) throws Exception {
        return DebianChroot.host(Duration.ofSeconds(30), "dpkg-deb", "-f", deb.toString(), "Version")
                .output()
                .strip();
    }

    private static Path newest(Path dir, String prefix) throws IOException {
        Predicate<Path> deb = p ->
                p.getFileName().toString().startsWith(prefix) && p.toString().endsWith("_all.deb");
        try (Stream<Path> s = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            return s.filter(deb)
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError(dir.toAbsolutePath() + " holds no " + prefix
                            + "*_all.deb: build both packages first (./ebc build, or the reactor's package phase)"));
        }
    }

    private static void log(Instant t0, String what) {
        System.out.printf(
                "install test (%s) +%ds: %s%n",
                ARCH, Duration.between(t0, Instant.now()).toSeconds(), what);
    }
}
