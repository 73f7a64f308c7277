package org.ebc.crypto;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A directory that holds private keys (a node's key and wallet keys, a gateway's key, the authority's): it must be the owner's
 * alone. Group or others who may list it learn which keys exist; who may write to it can swap a
 * certificate or plant a key next to ours. So a new directory is created with mode 0700 (and, created by
 * root inside a service's directory, given to that service: {@link DirectoryOwner}) and an existing one is
 * refused when group or others may read or write it (search permission alone is allowed).
 */
public final class KeyDirectory {
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE);

    private KeyDirectory() {}

    /** Creates {@code dir} with mode 0700 (parents as usual), or checks an existing one. */
    public static Path prepare(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                if (posix(dir)) {
                    Files.createDirectory(
                            dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(dir);
                }
                DirectoryOwner.adopt(dir);
                return dir;
            } catch (FileAlreadyExistsException e) {
                // Created by someone else in the meantime: check it like any existing directory.
            } catch (IOException e) {
                throw new KeyFileException(dir, "cannot create directory: " + e.getMessage(), e);
            }
        }
        requireOwnerOnly(dir);
        return dir;
    }

    /** Refuses a path that is not a directory, or one that group or others may read or write. */
    public static void requireOwnerOnly(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new KeyFileException(dir, Files.exists(dir) ? "is not a directory" : "directory does not exist");
        }
        if (!posix(dir)) {
            return;
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(dir);
        } catch (IOException e) {
            throw new KeyFileException(dir, "cannot read permissions: " + e.getMessage(), e);
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(perms);
        open.retainAll(TOO_OPEN);
        if (!open.isEmpty()) {
            throw new KeyFileException(
                    dir,
                    "permissions " + PosixFilePermissions.toString(perms)
                            + " are too open for a directory that holds private keys (group or others may read or write it); run: chmod 700 "
                            + dir);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
