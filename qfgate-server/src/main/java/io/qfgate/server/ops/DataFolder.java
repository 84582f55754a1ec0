package io.qfgate.server.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The data folder holds the embedded database, the demo credentials, key files and the admin
 * channel: its owner's alone. The folder and every folder in it are 0700, every file 0600, so
 * that no other local user can read a key or talk to the gateway through the channel.
 */
final class DataFolder {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** The gateway's files besides the embedded database's {@code qfgate.*}. */
    private static final Set<String> OWN_FILES = Set.of("demo-credentials.json", "master-key.json", "sandbox",
            AdminChannel.FOLDER, AdminChannel.LOCK);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private DataFolder() {}

    /**
     * Creates the folder (0700) if missing, and takes every permission but the owner's from the
     * gateway's own files in it (the embedded database's {@code qfgate.*}, credentials, keys, the
     * admin channel). Only those: a folder given by mistake ({@code --data .}) keeps its other files as they were.
     */
    static void secure(Path folder) {
        try {
            createFolder(folder);
            if (!POSIX) {
                return;
            }
            try (Stream<Path> own = Files.list(folder).filter(DataFolder::isOurs)) {
                for (Path p : (Iterable<Path>) own::iterator) {
                    restrict(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot secure the data folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isOurs(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith("qfgate.") || OWN_FILES.contains(name);
    }

    private static void restrict(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return;
        }
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(p, FILE);
            return;
        }
        Files.setPosixFilePermissions(p, FOLDER);
        try (Stream<Path> inside = Files.list(p)) {
            for (Path q : (Iterable<Path>) inside::iterator) {
                restrict(q);
            }
        }
    }

    /** A folder (and its parents) that only the owner may enter. */
    static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            if (POSIX) {
                Files.setPosixFilePermissions(folder, FOLDER);
            }
            return;
        }
        if (POSIX) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        } else {
            Files.createDirectories(folder);
        }
    }

    /** Writes a file readable by the owner only: made 0600 before a byte goes in, then renamed into place. */
    static void writePrivate(Path file, byte[] content) throws IOException {
        createFolder(file.toAbsolutePath().getParent());
        Path fresh = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            if (POSIX) {
                Files.createFile(fresh, PosixFilePermissions.asFileAttribute(FILE));
            }
            Files.write(fresh, content);
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(fresh);
        }
    }
}
