package org.ebc.agent.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `enroll --check` asks as root: could the agent's user read these files? */
class ServiceUserTest {
    @TempDir
    Path tmp;

    private int myUid() throws Exception {
        return (Integer) Files.getAttribute(tmp, "unix:uid");
    }

    private int myGid() throws Exception {
        return (Integer) Files.getAttribute(tmp, "unix:gid");
    }

    private Path file(String name, String mode) throws Exception {
        Path f = Files.writeString(tmp.resolve(name), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void theUserIsReadFromPasswdWithItsPrimaryAndSupplementaryGroups() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(
                etc.resolve("passwd"),
                "root:x:0:0::/root:/bin/sh\nebc-meter:x:104:107::/var/lib/ebc-meter-agent:/usr/sbin/nologin\n");
        Files.writeString(
                etc.resolve("group"), "root:x:0:\ndialout:x:20:ebc-meter\ngpio:x:995:pi,ebc-meter\nebc-meter:x:107:\n");

        assertThat(ServiceUser.lookup("ebc-meter", etc))
                .contains(new ServiceUser("ebc-meter", 104, Set.of(107, 20, 995)));
        assertThat(ServiceUser.lookup("nobody-here", etc)).isEmpty();
        assertThat(ServiceUser.lookup("ebc-meter", tmp.resolve("missing"))).isEmpty();
    }

    @Test
    void aKeyOwnedBySomeoneElseWithMode0600CannotBeReadAndTheMessageSaysHowToFixIt() throws Exception {
        ServiceUser agent = new ServiceUser("ebc-meter", myUid() + 4242, Set.of(myGid() + 4242));
        Path key = file("node.key", "rw-------");

        assertThat(agent.cannotRead(key))
                .hasValueSatisfying(m -> assertThat(m)
                        .contains("node.key", "mode 600", "cannot be read by ebc-meter", "chown ebc-meter: " + key));
    }

    @Test
    void aFileIsReadableThroughItsOwnerItsGroupOrOthersAsTheBitsSay() throws Exception {
        ServiceUser owner = new ServiceUser("me", myUid(), Set.of());
        ServiceUser member = new ServiceUser("member", myUid() + 1, Set.of(myGid()));
        ServiceUser stranger = new ServiceUser("stranger", myUid() + 1, Set.of(myGid() + 1));

        assertThat(owner.cannotRead(file("own", "r--------"))).isEmpty();
        assertThat(owner.cannotRead(file("own-none", "---r--r--"))).isPresent();
        assertThat(member.cannotRead(file("group", "---r-----"))).isEmpty();
        assertThat(stranger.cannotRead(file("group2", "rw-r-----"))).isPresent();
        assertThat(stranger.cannotRead(file("world", "rw-r--r--"))).isEmpty();
        assertThat(stranger.cannotRead(tmp.resolve("absent")))
                .as("missing files are the certificate check's")
                .isEmpty();
    }

    @Test
    void aDirectoryNeedsSearchPermission() throws Exception {
        ServiceUser stranger = new ServiceUser("stranger", myUid() + 1, Set.of(myGid() + 1));
        Path dir = Files.createDirectory(tmp.resolve("keys"));

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        assertThat(stranger.cannotRead(dir))
                .hasValueSatisfying(m -> assertThat(m).contains("cannot be entered"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx-----x"));
        assertThat(stranger.cannotRead(dir)).isEmpty();
    }
}
