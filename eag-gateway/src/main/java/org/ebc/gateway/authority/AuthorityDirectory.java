package org.ebc.gateway.authority;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ebc.crypto.DirectoryOwner;
import org.ebc.crypto.KeyFileException;

/**
 * The files of one registration authority (see the package documentation for the layout). Knows where
 * each file lives, writes the registry atomically with mode 0600, and serialises changes between
 * processes with a lock file, so that two operators issuing at once cannot hand out the same serial.
 */
final class AuthorityDirectory {
    static final String CA_KEY = "ca.key";
    static final String CA_CERT = "ca.crt";
    static final String CRL = "crl.pem";
    static final String REGISTRY = "registry.json";
    static final String ISSUED = "issued";
    static final String LOCK = ".lock";

    private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path dir;

    AuthorityDirectory(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path caKey() {
        return dir.resolve(CA_KEY);
    }

    Path caCert() {
        return dir.resolve(CA_CERT);
    }

    Path crl() {
        return dir.resolve(CRL);
    }

    Path registry() {
        return dir.resolve(REGISTRY);
    }

    Path issued() {
        return dir.resolve(ISSUED);
    }

    /** Where a subject's latest certificate is handed out from. */
    Path issuedCertificate(String id) {
        return issued().resolve(id + ".crt");
    }

    /** The copy of {@code ca.crt} that goes back to the device with its certificate. */
    Path issuedRoot() {
        return issued().resolve(CA_CERT);
    }

    /** True if any file that belongs to an authority is already there. */
    Path firstExistingAuthorityFile() {
        for (Path p : new Path[] {caKey(), caCert(), crl(), registry()}) {
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * What identifies the current versions of the files a registry is read from: each change replaces a
     * file by renaming a new one over it, which gives it a new inode, so an unchanged stamp means
     * unchanged files.
     */
    List<Object> stamp() {
        List<Object> stamp = new ArrayList<>();
        for (Path p : new Path[] {registry(), crl(), caCert()}) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                stamp.add(a.fileKey());
                stamp.add(a.lastModifiedTime());
                stamp.add(a.size());
            } catch (IOException e) {
                stamp.add(p + " unreadable");
            }
        }
        return stamp;
    }

    /**
     * Runs {@code change} while holding the directory's lock: a file lock against other processes, and a
     * monitor per directory against other threads of this one (the JVM allows one file lock per file).
     */
    <T> T locked(Supplier<T> change) {
        synchronized (MONITORS.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> new Object())) {
            return lockedAgainstProcesses(change);
        }
    }

    private <T> T lockedAgainstProcesses(Supplier<T> change) {
        try (FileChannel ch =
                FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock();
            try {
                return change.get();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new KeyFileException(dir.resolve(LOCK), "cannot lock the authority directory: " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code dir} readable by {@code group} for the files that may be shared (root:group, mode 0710:
     * members may open known names but not list the directory). The files root writes into it then take the
     * group ({@link DirectoryOwner}); {@code ca.key} is 0600 and stays the owner's alone.
     */
    static void shareWithGroup(Path dir, String group) {
        try {
            GroupPrincipal g =
                    dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(g);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x---"));
        } catch (UserPrincipalNotFoundException e) {
            throw new AuthorityRefusal(RefusalReason.BAD_NAME, "there is no group '" + group + "' on this system");
        } catch (IOException e) {
            throw new KeyFileException(dir, "cannot give the directory to group " + group + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces {@code file} with {@code content} so that a reader sees the old or the new file, never a
     * torn one, and the new one survives a power cut: written to a 0640 temporary file (group: the
     * directory's, see {@link #shareWithGroup}), forced to disk, renamed over the old one, and the directory
     * entry forced too.
     */
    static void writeAtomically(Path file, byte[] content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            } else {
                Files.createFile(tmp);
            }
            DirectoryOwner.adopt(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot write: " + e.getMessage(), e);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for syncing; the rename itself is still atomic.
        }
    }
}
