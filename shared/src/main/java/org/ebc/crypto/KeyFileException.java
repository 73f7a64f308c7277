package org.ebc.crypto;

import java.nio.file.Path;

/** A key, certificate or request file that cannot be used; the message names the file and the problem. */
public final class KeyFileException extends RuntimeException {
    private final Path file;

    public KeyFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public KeyFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
