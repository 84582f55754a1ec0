package io.qfgate.server.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a process listens on, read from Linux's /proc as {@code ss -lptn} would: its sockets
 * (/proc/PID/fd), matched against the kernel's tables of listening TCP sockets and Unix stream
 * sockets that accept connections.
 */
final class ListeningSockets {
    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
    /** TCP state 0A is LISTEN. */
    private static final String TCP_LISTEN = "0A";
    /** A Unix socket with __SO_ACCEPTCON set in its flags is a listening one. */
    private static final int UNIX_ACCEPTING = 0x10000;

    private ListeningSockets() {}

    /** "tcp:PORT" for each listening TCP socket and "unix:PATH" for each listening Unix socket of the process. */
    static List<String> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String[] f : rows(table)) {
                // local_address is HEXIP:HEXPORT; st is the state; the inode is the tenth column.
                if (f[3].equals(TCP_LISTEN) && inodes.contains(f[9])) {
                    listening.add("tcp:" + Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        for (String[] f : rows("/proc/net/unix")) {
            if ((Integer.parseInt(f[3], 16) & UNIX_ACCEPTING) != 0 && inodes.contains(f[6])) {
                listening.add("unix:" + (f.length > 7 ? f[7] : "(unnamed)"));
            }
        }
        return listening;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    Matcher m = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(m.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we looked: not a listener
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    private static List<String[]> rows(String table) {
        try {
            return Files.readAllLines(Path.of(table)).stream().skip(1).map(l -> l.trim().split("\\s+")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
