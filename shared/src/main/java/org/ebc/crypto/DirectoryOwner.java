package org.ebc.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;

/**
 * Files that a command creates for a service belong to that service, whoever runs the command: what root
 * creates inside a directory owned by another user (the package gives {@code /etc/ebc/keys} to
 * {@code ebc-meter} and {@code /var/lib/ebc-eag-gateway} to {@code ebc-eag}) is given to that directory's
 * owner and group. Otherwise an operator who enrolls with {@code sudo} or as root leaves keys the service
 * cannot read, and it refuses to start. Likewise what root creates in a root-owned directory whose group is
 * a service's (the authority's directory with {@code authority init --group ebc-eag}) takes that group, as
 * the setgid bit would do. Files created by any other user are left as they are, and the permission bits
 * are never changed. Stateless; thread-safe.
 */
public final class DirectoryOwner {
    private DirectoryOwner() {}

    /**
     * Gives {@code created} (a file or directory just created) the owner and group of its parent directory
     * if root created it and the parent belongs to another user or group.
     *
     * @throws KeyFileException if root cannot change the owner (a file system without owners is skipped)
     */
    public static void adopt(Path created) {
        Path parent = created.toAbsolutePath().getParent();
        if (parent == null
                || !created.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            PosixFileAttributes dir = Files.readAttributes(parent, PosixFileAttributes.class);
            PosixFileAttributes file =
                    Files.readAttributes(created, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!isRoot(file.owner())
                    || (file.owner().equals(dir.owner()) && file.group().equals(dir.group()))) {
                return;
            }
            PosixFileAttributeView view =
                    Files.getFileAttributeView(created, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            view.setGroup(dir.group());
            view.setOwner(dir.owner());
        } catch (IOException | UnsupportedOperationException e) {
            throw new KeyFileException(
                    created,
                    "cannot give it to the owner of " + parent + " (the service that reads it): " + e.getMessage(),
                    e);
        }
    }

    private static boolean isRoot(UserPrincipal user) {
        return user.getName().equals("root") || user.getName().equals("0");
    }
}
