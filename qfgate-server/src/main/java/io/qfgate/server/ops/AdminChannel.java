package io.qfgate.server.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.server.notify.TargetPolicy;
import io.qfgate.server.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * How {@code ./qfgate merchant …} (and every {@link ManagementCommand}) reaches a running gateway
 * whose embedded database it cannot open: a spool in the data folder, no socket. The command
 * writes its arguments as a request file into {@code <data>/admin/requests}; the gateway, which
 * holds {@code <data>/gateway.lock} while it runs, looks there every {@value #POLL_MILLIS} ms, runs
 * the command against its own database and writes the output back into {@code <data>/admin/replies}.
 * Only the data folder's owner can write there (the folder is 0700), and the gateway takes requests
 * only from files that owner owns.
 */
final class AdminChannel implements AutoCloseable {
    static final String FOLDER = "admin";
    static final String LOCK = "gateway.lock";
    static final long POLL_MILLIS = 200;
    /** How long a command waits for the gateway's answer. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    /** Limits on a request: its file's size and its number of arguments. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int MAX_ARGS = 200;

    /**
     * {@code input} is what the command would read on stdin (a new account's password), read by
     * the command line before it sends the request; null for commands that read none. The request
     * file is the owner's alone and deleted as soon as it is read.
     */
    record Request(List<String> args, String cwd, String input) {}

    record Reply(int exit, String out, String err) {}

    private static final Logger log = LoggerFactory.getLogger(AdminChannel.class);
    /**
     * The lock files this process holds. Asked about one of them, {@link #isHeld} answers from here:
     * closing a second channel to a locked file would release the process's POSIX lock on it.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Path lockPath;
    private final Database database;
    private final TargetPolicy targets;
    private final FileChannel lockFile;
    private final FileLock lock;

    private AdminChannel(Path folder, Path lockPath, Database database, TargetPolicy targets, FileChannel lockFile,
            FileLock lock) {
        this.targets = targets;
        this.folder = folder;
        this.lockPath = lockPath;
        this.database = database;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** The gateway's side: takes the data folder's lock and makes the spool folders. */
    static AdminChannel open(Path dataDir, Database database, TargetPolicy targets) {
        try {
            Path folder = dataDir.resolve(FOLDER);
            DataFolder.createFolder(folder.resolve("requests"));
            DataFolder.createFolder(folder.resolve("replies"));
            Path lockPath = dataDir.resolve(LOCK).toAbsolutePath();
            if (!HELD_HERE.add(lockPath)) {
                throw new IllegalStateException("another gateway is running on the data folder " + dataDir);
            }
            FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(lockPath);
                throw new IllegalStateException("another gateway is running on the data folder " + dataDir);
            }
            return new AdminChannel(folder, lockPath, database, targets, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the admin channel in " + dataDir, e);
        }
    }

    /** Answers every request waiting in the spool; called every {@value #POLL_MILLIS} ms. */
    void answerWaiting() {
        try (Stream<Path> waiting = Files.list(folder.resolve("requests"))) {
            for (Path request : (Iterable<Path>) waiting.filter(p -> p.toString().endsWith(".json"))::iterator) {
                answer(request);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("admin channel: {}", e.toString());
        }
    }

    private void answer(Path request) throws IOException {
        String id = request.getFileName().toString();
        try {
            Reply reply = run(read(request));
            DataFolder.writePrivate(folder.resolve("replies").resolve(id), JSON.writeValueAsBytes(reply));
        } finally {
            Files.deleteIfExists(request);
        }
    }

    /** A request the folder's owner wrote, within the limits; anything else is refused, not run. */
    private Request read(Path request) throws IOException {
        if (!Files.isRegularFile(request, LinkOption.NOFOLLOW_LINKS)
                || !Files.getOwner(request, LinkOption.NOFOLLOW_LINKS).equals(Files.getOwner(folder))
                || Files.size(request) > MAX_REQUEST_BYTES) {
            return null;
        }
        Request r = JSON.readValue(Files.readAllBytes(request), Request.class);
        return r.args() == null || r.args().size() > MAX_ARGS || r.cwd() == null ? null : r;
    }

    /** Runs a management command as the CLI would, against this gateway's database. */
    private Reply run(Request request) {
        if (request == null) {
            return new Reply(2, "", "error: the gateway refused a malformed admin request\n");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(new InGateway(database, targets, Path.of(request.cwd()), request.input()));
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit;
        if (isManagement(cli, request.args())) {
            exit = cli.execute(request.args().toArray(String[]::new));
        } else {
            err.write("error: only management commands (merchant, alipay, notify, operator, portal-user) run through"
                    + " the admin channel\n");
            exit = 2;
        }
        return new Reply(exit, out.toString(), err.toString());
    }

    /** The command line's factory inside a gateway: each management command gets the gateway's database. */
    private record InGateway(Database database, TargetPolicy targets, Path cwd, String input)
            implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof ManagementCommand command) {
                command.storage.running = database;
                command.storage.targets = targets;
                command.storage.workingDir = cwd;
                command.storage.input = input;
            }
            return made;
        }
    }

    /** True when the arguments name a management command (not serve, not a server of any kind). */
    static boolean isManagement(CommandLine cli, List<String> args) {
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            while (parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            return parsed.commandSpec().userObject() instanceof ManagementCommand;
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    /**
     * The command's side. When a gateway holds the embedded database in {@code dataDir}, sends it
     * the arguments and returns its reply; null when no gateway holds it (open the database directly).
     */
    static Reply forwardIfHeld(Path dataDir, List<String> args, String input) throws IOException, InterruptedException {
        if (!isHeld(dataDir)) {
            return null;
        }
        String id = UUID.randomUUID() + ".json";
        Path folder = dataDir.resolve(FOLDER);
        byte[] body = JSON.writeValueAsBytes(new Request(args, Path.of("").toAbsolutePath().toString(), input));
        // Written under another name first: the gateway never reads half a request.
        DataFolder.writePrivate(folder.resolve("requests").resolve(id), body);
        Path reply = folder.resolve("replies").resolve(id);
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(reply)) {
                Reply r = JSON.readValue(Files.readAllBytes(reply), Reply.class);
                Files.deleteIfExists(reply);
                return r;
            }
            Thread.sleep(20);
        }
        Files.deleteIfExists(folder.resolve("requests").resolve(id));
        return new Reply(1, "", "error: the gateway running on " + dataDir + " did not answer within "
                + ANSWER_WITHIN.toSeconds() + " s\n");
    }

    /** True while a gateway holds the folder's lock (in this process or another). */
    static boolean isHeld(Path dataDir) throws IOException {
        Path lockPath = dataDir.resolve(LOCK).toAbsolutePath();
        if (HELD_HERE.contains(lockPath)) {
            return true;
        }
        if (!Files.exists(lockPath)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException held) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            log.warn("admin channel: cannot release the lock: {}", e.toString());
        } finally {
            HELD_HERE.remove(lockPath);
        }
    }
}
