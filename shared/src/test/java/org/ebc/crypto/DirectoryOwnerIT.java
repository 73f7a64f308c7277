package org.ebc.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys written by root into a service's directory belong to the service. Run as root (as {@code ./ebc test}
 * runs on CI), this changes real owners; as another user it shows that nothing changes.
 */
class DirectoryOwnerIT {
    @TempDir
    Path dir;

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void aKeyThatRootWritesIntoAServicesDirectoryIsGivenToThatServiceWithItsMode() throws Exception {
        if (!root()) {
            throw new AssertionError("this test changes file owners and must run as root (./ebc test does on CI)");
        }
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Path service = Files.createDirectory(dir.resolve("service"));
        // "nobody" exists on every Debian system; it stands in for ebc-meter.
        Files.setOwner(service, users.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(service, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(users.lookupPrincipalByGroupName("nogroup"));

        Path keys = KeyDirectory.prepare(service.resolve("keys"));
        Pem.writePrivateKey(keys.resolve("node.key"), KeyPairs.generate().getPrivate());
        Pem.writePublic(
                keys.resolve("ca.crt"), org.ebc.testing.TestAuthority.create().root());

        for (Path p : new Path[] {keys, keys.resolve("node.key"), keys.resolve("ca.crt")}) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            assertThat(a.owner().getName()).as(p.toString()).isEqualTo("nobody");
            assertThat(a.group().getName()).as(p.toString()).isEqualTo("nogroup");
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(keys.resolve("node.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aFileInADirectoryThatRootOwnsStaysAsItIs() throws Exception {
        Path f = Files.writeString(dir.resolve("plain.txt"), "x");
        String before = Files.getOwner(f).getName();

        DirectoryOwner.adopt(f);

        assertThat(Files.getOwner(f).getName()).isEqualTo(before);
    }
}
