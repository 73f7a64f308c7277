package org.ebc.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package built by {@code mvn package}, inspected with dpkg-deb and its launcher run from an unpacked copy. */
class DebianPackageIT {
    @TempDir
    Path dir;

    private static Path deb() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            // The newest: snapshot builds stamp the version, so earlier packages may still lie in target/.
            return s.filter(p -> p.getFileName().toString().matches("ebc-meter-agent_.*_all\\.deb"))
                    .max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElseThrow(
                            () -> new AssertionError(
                                    "target/ebc-meter-agent_*_all.deb is missing: run `mvn -pl meter-agent verify` (jdeb runs in package)"));
        }
    }

    private static String dpkgDeb(String... args) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/dpkg-deb"))) {
            throw new AssertionError("this test needs dpkg-deb: apt-get install dpkg");
        }
        return run(null, prepend("/usr/bin/dpkg-deb", args)).output();
    }

    private record Result(int exit, String output) {}

    private static Result run(java.util.Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (env != null) {
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void thePackageInstallsTheJarLauncherUnitConfigAndDataDirectory() throws Exception {
        String listing = dpkgDeb("-c", deb().toString());
        assertThat(listing)
                .contains("./usr/share/ebc-meter-agent/meter-agent.jar")
                .contains("-rwxr-xr-x root/root")
                .contains("./usr/bin/meter-agent")
                .contains("./usr/lib/systemd/system/ebc-meter-agent.service")
                .contains("./usr/lib/systemd/system/ebc-meter-provision.service")
                .contains("./usr/lib/udev/rules.d/60-ebc-meter-agent.rules")
                .contains("./usr/share/ebc-meter-agent/provision")
                .contains("./usr/share/doc/ebc-meter-agent/provisioning/user-data")
                .contains("./usr/share/doc/ebc-meter-agent/copyright")
                .contains("./usr/share/doc/ebc-meter-agent/changelog.Debian.gz")
                .doesNotContain(" ./lib/")
                .contains("./etc/ebc/meter-agent.properties")
                .contains("./var/lib/ebc-meter-agent/")
                .contains("./etc/ebc/keys/");
        assertThat(dpkgDeb("-I", deb().toString(), "conffiles").trim()).isEqualTo("/etc/ebc/meter-agent.properties");
        String control = dpkgDeb("-f", deb().toString());
        assertThat(control)
                .contains("Package: ebc-meter-agent")
                .contains("Architecture: all")
                .contains(
                        "Depends: openjdk-21-jre-headless | java-runtime-headless (>= 21) | java21-runtime-headless, adduser")
                .containsPattern("(?m)^Version: 0\\.1\\.0~\\d{14}$");
        assertThat(dpkgDeb("-I", deb().toString(), "postinst")).contains("adduser --system");
    }

    @Test
    void theInstalledLauncherStartsTheAgentWithAJava21OrNewer() throws Exception {
        dpkgDeb("-x", deb().toString(), dir.toString());
        java.util.Map<String, String> env = java.util.Map.of(
                "JAVA_HOME",
                System.getProperty("java.home"),
                "EBC_AGENT_JAR",
                dir.resolve("usr/share/ebc-meter-agent/meter-agent.jar").toString());
        Result version = run(env, "/bin/sh", dir.resolve("usr/bin/meter-agent").toString(), "--version");
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("meter-agent 0.1.0");

        // The shipped config, pointed at a data and key directory that do not exist here: a config error (78)
        // that names the key directory, as systemd would log it.
        Path config = dir.resolve("agent.properties");
        String shipped = Files.readString(dir.resolve("etc/ebc/meter-agent.properties"));
        Files.writeString(
                config,
                shipped + "\nkey.dir = " + dir.resolve("no-keys") + "\ndata.dir = " + dir.resolve("data") + "\n");
        Result run = run(
                env, "/bin/sh", dir.resolve("usr/bin/meter-agent").toString(), "run", "--config", config.toString());
        assertThat(run.exit()).as(run.output()).isEqualTo(78);
        assertThat(run.output()).contains("key.dir").contains("node.crt").doesNotContain("Exception");
        assertThat(List.of(run.output().split("\n"))).noneMatch(l -> l.startsWith("\tat "));
    }
}
