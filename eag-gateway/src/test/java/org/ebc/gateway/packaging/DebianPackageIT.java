package org.ebc.gateway.packaging;

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

/**
 * The Debian package {@code mvn package} builds, read with {@code dpkg-deb} as {@code dpkg} would: the
 * files in their places with their modes, the conffile, the maintainer scripts, and the wrapper and unit
 * pointing at each other.
 */
class DebianPackageIT {
    @TempDir
    Path dir;

    private static Path deb() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            // The newest: every build has its own version, so earlier packages may still lie in target/.
            return s.filter(p -> p.getFileName().toString().matches("ebc-eag-gateway_.*_all\\.deb"))
                    .max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError(
                            "target/ebc-eag-gateway_*_all.deb is missing: run `mvn -pl eag-gateway verify`"
                                    + " (jdeb builds it in the package phase)"));
        }
    }

    private static String dpkgDeb(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("dpkg-deb"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(
                    "this test reads the package with dpkg-deb, which is missing: apt-get install -y dpkg", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("dpkg-deb %s: %s", args, out).isZero();
        return out;
    }

    @Test
    void thePackageHoldsTheJarTheWrapperTheUnitTheConfigurationAndTheMosquittoFiles() throws Exception {
        String contents = dpkgDeb("-c", deb().toString());

        assertThat(contents)
                .containsPattern("-rw-r--r-- root/root +\\d+ .* \\./usr/share/ebc-eag-gateway/eag-gateway\\.jar")
                .containsPattern("-rwxr-xr-x root/root +\\d+ .* \\./usr/bin/eag-gateway")
                .containsPattern("-rw-r--r-- root/root +\\d+ .* \\./usr/lib/systemd/system/ebc-eag-gateway\\.service")
                .containsPattern("-rw-r--r-- root/root +\\d+ .* \\./usr/lib/systemd/system/ebc-enrollment\\.service")
                .containsPattern("\\./usr/share/doc/ebc-eag-gateway/copyright")
                .containsPattern("\\./usr/share/doc/ebc-eag-gateway/changelog\\.Debian\\.gz")
                .containsPattern("\\./usr/share/doc/ebc-eag-gateway/README\\.install")
                .doesNotContainPattern(" \\./lib/")
                .containsPattern("-rw-r--r-- root/root +\\d+ .* \\./etc/ebc/eag-gateway\\.properties")
                .containsPattern("\\./usr/share/doc/ebc-eag-gateway/mosquitto/ebc\\.conf")
                .containsPattern("\\./usr/share/doc/ebc-eag-gateway/mosquitto/ebc\\.acl")
                .containsPattern("drwxr-x--- root/root +0 .* \\./var/lib/ebc-eag-gateway/");
    }

    @Test
    void theConfigurationIsAConffileAndTheScriptsCreateTheServiceUser() throws Exception {
        Path control = dir.resolve("control");
        dpkgDeb("-e", deb().toString(), control.toString());

        assertThat(Files.readString(control.resolve("conffiles"))).isEqualTo("/etc/ebc/eag-gateway.properties\n");
        assertThat(Files.readString(control.resolve("control")))
                .contains(
                        "Package: ebc-eag-gateway",
                        "Architecture: all",
                        "Depends: openjdk-21-jre-headless | java-runtime-headless (>= 21) | java21-runtime-headless, adduser",
                        "Maintainer: ebc developers <ebc@example.org>")
                .containsPattern("(?m)^Version: 0\\.1\\.0~\\d{14}$")
                .doesNotContain("localhost", "Recommends: mosquitto");
        assertThat(Files.readString(control.resolve("postinst")))
                .contains("adduser --system", "ebc-eag", "/var/lib/ebc-eag-gateway");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertThat(Files.isExecutable(control.resolve(script))).as(script).isTrue();
            Process syntax = new ProcessBuilder(
                            "sh", "-n", control.resolve(script).toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(syntax.waitFor())
                    .as(
                            "sh -n %s: %s",
                            script, new String(syntax.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();
        }
    }

    @Test
    void theUnitRunsTheWrapperWithTheInstalledConfigurationAndTheWrapperRunsTheInstalledJar() throws Exception {
        Path root = dir.resolve("root");
        dpkgDeb("-x", deb().toString(), root.toString());

        String unit = Files.readString(root.resolve("usr/lib/systemd/system/ebc-eag-gateway.service"));
        String wrapper = Files.readString(root.resolve("usr/bin/eag-gateway"));
        assertThat(unit)
                .contains(
                        "ExecStart=/usr/bin/eag-gateway run --config /etc/ebc/eag-gateway.properties",
                        "User=ebc-eag",
                        "ReadWritePaths=/var/lib/ebc-eag-gateway",
                        "SuccessExitStatus=143",
                        "RestartPreventExitStatus=2");
        assertThat(wrapper).contains("JAR=\"${EBC_GATEWAY_JAR:-/usr/share/ebc-eag-gateway/eag-gateway.jar}\"");
        assertThat(root.resolve("usr/share/ebc-eag-gateway/eag-gateway.jar"))
                .hasSameBinaryContentAs(Path.of("target/eag-gateway.jar"));
        Process syntax = new ProcessBuilder(
                        "sh", "-n", root.resolve("usr/bin/eag-gateway").toString())
                .redirectErrorStream(true)
                .start();
        assertThat(syntax.waitFor()).isZero();
    }

    @Test
    void theWrapperTakesJavaHomeOnlyIfItIsAJava21OrNewerAndSaysSoOtherwise() throws Exception {
        Path root = dir.resolve("root");
        dpkgDeb("-x", deb().toString(), root.toString());
        // A JAVA_HOME whose release file says 17, as Debian 12's OpenJDK would.
        Path old = Files.createDirectories(dir.resolve("jdk17/bin"));
        Files.writeString(dir.resolve("jdk17/release"), "JAVA_VERSION=\"17.0.9\"\n");
        Path fake =
                Files.writeString(old.resolve("java"), "#!/bin/sh\necho 'this old java must not run' >&2\nexit 3\n");
        Files.setPosixFilePermissions(fake, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder(
                        "sh", root.resolve("usr/bin/eag-gateway").toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", dir.resolve("jdk17").toString());
        pb.environment()
                .put(
                        "EBC_GATEWAY_JAR",
                        root.resolve("usr/share/ebc-eag-gateway/eag-gateway.jar")
                                .toString());
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out)
                .contains("JAVA_HOME=" + dir.resolve("jdk17") + " is not a Java 21 or newer")
                .doesNotContain("this old java must not run");
    }
}
