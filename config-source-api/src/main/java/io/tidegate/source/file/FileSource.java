package io.tidegate.source.file;

import io.tidegate.source.ConfigSource;
import io.tidegate.source.Diagnostic;
import io.tidegate.source.Origin;
import io.tidegate.source.ResourceEvent;
import io.tidegate.source.ResourceSink;
import io.tidegate.source.SourceHealth;
import io.tidegate.source.decode.BlobDecoder;
import io.tidegate.source.decode.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

/**
 * The {@code file:} source: a directory tree of {@code *.yaml} files (see {@link FileTree} for
 * which files count), or one file. Each file is a blob; its location is its path relative to the
 * directory, with {@code /}.
 *
 * <p>{@link #start} scans everything and delivers it as one batch ending with {@code Synced}, then
 * watches every directory with a {@link WatchService} on the daemon thread
 * {@code tidegate-file-source}. Events are debounced until the directory has been quiet for
 * {@value #QUIET_MS} ms (at most {@value #MAX_DEBOUNCE_MS} ms), so a file being written is read
 * once, whole; then only files whose size, modification time or bytes changed are decoded. All
 * changes of one round go to the sink as one batch. Atomic-rename saves, new and deleted
 * directories, and ConfigMap-style symlink swaps are handled; a lost-events overflow triggers a
 * full rescan. If the directory itself disappears, its documents are deleted and it is picked up
 * again when it comes back.
 */
public final class FileSource implements ConfigSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);
    static final long QUIET_MS = 5;
    static final long MAX_DEBOUNCE_MS = 50;
    /** How often an idle watcher checks that a vanished directory has come back. */
    private static final long IDLE_POLL_MS = 500;

    private record Stamp(long size, FileTime modified, String hash) { }

    /** What one round of watch events touched. */
    private static final class Changes {
        final Set<Path> touched = new LinkedHashSet<>();
        final Set<Path> directories = new LinkedHashSet<>();
        boolean rescan;
    }

    private final Path root;
    private final String id;
    private final Object lifecycle = new Object();
    private volatile SourceHealth health = new SourceHealth(SourceHealth.State.STARTING, "not started");
    private volatile boolean running;
    private volatile WatchService watcher;
    private Thread thread;
    private boolean closed;

    // Owned by the thread that runs start(), then by the watch thread (handed over by Thread.start).
    private final BlobDecoder decoder = new BlobDecoder();
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Map<Path, WatchKey> directories = new HashMap<>();
    private final Map<Path, Stamp> known = new TreeMap<>();
    private ResourceSink sink;
    private boolean singleFile;
    private Path watchRoot;
    private boolean rescanNeeded;

    /** A source for a directory tree or a single file; does no I/O. */
    public FileSource(Path path) {
        this.root = path.toAbsolutePath().normalize();
        this.id = "file:" + root;
    }

    @Override
    public String id() {
        return id;
    }

    /** The absolute, normalised directory (or file) watched. */
    public Path root() {
        return root;
    }

    @Override
    public SourceHealth health() {
        return health;
    }

    /** Scans, delivers the first listing, then starts watching. Throws when the path does not exist. */
    @Override
    public void start(ResourceSink resourceSink) throws IOException {
        synchronized (lifecycle) {
            if (thread != null || closed) {
                throw new IllegalStateException(id + " was already started or closed");
            }
            if (!Files.exists(root)) {
                throw new NoSuchFileException(root.toString(), null, "nothing to watch at this path");
            }
            sink = resourceSink;
            singleFile = Files.isRegularFile(root);
            watchRoot = singleFile ? root.getParent() : root;
            watcher = root.getFileSystem().newWatchService();
            try {
                List<ResourceEvent> batch = new ArrayList<>(fullScan());
                batch.add(new ResourceEvent.Synced(id));
                updateHealth();
                sink.accept(List.copyOf(batch));
            } catch (IOException | RuntimeException e) {
                watcher.close();
                throw e;
            }
            LOG.info("{}: synced {} file(s), {} with problems; watching", id, known.size(),
                    decoder.origins().stream().filter(o -> !decoder.problems(o).isEmpty()).count());
            running = true;
            thread = new Thread(this::watchLoop, "tidegate-file-source");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void close() {
        Thread watchThread;
        synchronized (lifecycle) {
            closed = true;
            running = false;
            watchThread = thread;
        }
        WatchService service = watcher;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.warn("{}: closing the watch service failed: {}", id, e.toString());
            }
        }
        if (watchThread != null && watchThread != Thread.currentThread()) {
            try {
                watchThread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        health = new SourceHealth(SourceHealth.State.STOPPED, "closed");
    }

    private void watchLoop() {
        while (running) {
            try {
                Changes changes = new Changes();
                WatchKey key = watcher.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (key != null) {
                    collect(key, changes);
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_DEBOUNCE_MS);
                    while (System.nanoTime() - deadline < 0
                            && (key = watcher.poll(QUIET_MS, TimeUnit.MILLISECONDS)) != null) {
                        collect(key, changes);
                    }
                }
                if (rescanNeeded || (!directories.containsKey(watchRoot) && Files.isDirectory(watchRoot))) {
                    changes.rescan = true;
                    rescanNeeded = false;
                }
                if (changes.rescan || !changes.touched.isEmpty() || !changes.directories.isEmpty()) {
                    List<ResourceEvent> batch = changes.rescan ? fullScan() : process(changes);
                    updateHealth(); // before delivering, so whoever reacts to the batch sees the matching health
                    if (!batch.isEmpty()) {
                        sink.accept(List.copyOf(batch));
                    }
                }
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("{}: reading changes failed; rescanning on the next round", id, e);
                health = new SourceHealth(SourceHealth.State.DEGRADED, "reading changes failed: " + e);
                rescanNeeded = true;
            }
        }
    }

    private void collect(WatchKey key, Changes changes) {
        Path dir = keys.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                changes.rescan = true;
            } else if (dir != null) {
                changes.touched.add(dir.resolve((Path) event.context()));
            }
        }
        if (dir == null) {
            return;
        }
        changes.directories.add(dir);
        if (!key.reset()) {
            // The directory is gone (or no longer watchable): treat it like a deleted entry.
            keys.remove(key);
            directories.remove(dir);
            changes.touched.add(dir);
        }
    }

    /** Reads every file again (bytes compared, so unchanged files emit nothing) and drops vanished ones. */
    private List<ResourceEvent> fullScan() throws IOException {
        Set<Path> candidates = new TreeSet<>(known.keySet());
        if (Files.isDirectory(watchRoot)) {
            if (singleFile) {
                register(watchRoot);
                candidates.add(root);
            } else {
                FileTree.walk(root, root, this::register, candidates::add);
            }
        } else {
            forgetDirectoriesUnder(watchRoot);
        }
        List<ResourceEvent> batch = new ArrayList<>();
        for (Path file : candidates) {
            batch.addAll(refresh(file, true));
        }
        return batch;
    }

    private List<ResourceEvent> process(Changes changes) throws IOException {
        Set<Path> candidates = new TreeSet<>();
        Set<Path> forced = new HashSet<>();
        for (Path path : changes.touched) {
            if (singleFile) {
                if (path.equals(root) || path.equals(watchRoot)) {
                    candidates.add(root);
                    forced.add(root);
                }
            } else if (Files.isDirectory(path)) {
                if (path.equals(root) || FileTree.isVisibleDirectory(root, path)) {
                    // New (or moved-in) directory: watch it first, then read what is already inside.
                    FileTree.walk(root, path, this::register, file -> {
                        candidates.add(file);
                        forced.add(file);
                    });
                }
            } else {
                candidates.add(path);
                forced.add(path);
                forgetDirectoriesUnder(path);
                for (Path file : known.keySet()) {
                    if (file.startsWith(path)) {
                        candidates.add(file); // files of a deleted directory
                    }
                }
            }
        }
        // Any event in a directory re-checks its known files: a ConfigMap-style "..data" symlink
        // swap changes what they point to without an event naming them.
        for (Path dir : changes.directories) {
            for (Path file : known.keySet()) {
                if (dir.equals(file.getParent())) {
                    candidates.add(file);
                }
            }
        }
        List<ResourceEvent> batch = new ArrayList<>();
        for (Path file : candidates) {
            batch.addAll(refresh(file, forced.contains(file)));
        }
        return batch;
    }

    /** Re-reads one file if it changed; a file that is gone has its documents deleted. */
    private List<ResourceEvent> refresh(Path file, boolean forced) {
        boolean wanted = singleFile ? file.equals(root) : FileTree.isDocumentPath(root, file);
        if (!wanted) {
            return List.of();
        }
        Origin origin = new Origin(id, singleFile ? String.valueOf(root.getFileName()) : FileTree.location(root, file));
        BasicFileAttributes attrs;
        byte[] bytes;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                return forget(file, origin);
            }
            Stamp old = known.get(file);
            if (!forced && old != null && old.size() == attrs.size() && old.modified().equals(attrs.lastModifiedTime())) {
                return List.of();
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return forget(file, origin);
        } catch (IOException e) {
            LOG.warn("{}: cannot read {}: {}", id, origin.location(), e.toString());
            // An empty hash makes the next event read it again; the last good documents stay meanwhile.
            known.put(file, new Stamp(-1, FileTime.fromMillis(0), ""));
            return logged(origin, decoder.fail(origin, List.of(new Diagnostic(origin.toString(), origin.location(),
                    Diagnostic.Severity.ERROR, "", "ReadFailed", "The file could not be read ("
                    + e.getClass().getSimpleName() + "); its last good documents stay in force."))));
        }
        String hash = ContentHash.sha256(bytes);
        Stamp old = known.put(file, new Stamp(attrs.size(), attrs.lastModifiedTime(), hash));
        if (old != null && old.hash().equals(hash)) {
            return List.of();
        }
        return logged(origin, decoder.apply(origin, new String(bytes, StandardCharsets.UTF_8)));
    }

    private List<ResourceEvent> forget(Path file, Origin origin) {
        known.remove(file);
        return logged(origin, decoder.remove(origin));
    }

    private List<ResourceEvent> logged(Origin origin, List<ResourceEvent> events) {
        if (!events.isEmpty()) {
            long upserted = events.stream().filter(e -> e instanceof ResourceEvent.Upserted).count();
            long deleted = events.stream().filter(e -> e instanceof ResourceEvent.Deleted).count();
            int problems = decoder.problems(origin).size();
            LOG.info("{}: {} upserted, {} deleted{}", origin.location(), upserted, deleted,
                    problems > 0 ? ", " + problems + " problem(s), last good documents kept" : "");
        }
        return events;
    }

    private void register(Path dir) {
        if (directories.containsKey(dir)) {
            return;
        }
        try {
            WatchKey key = dir.register(watcher, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            keys.put(key, dir);
            directories.put(dir, key);
        } catch (NoSuchFileException e) {
            LOG.debug("{}: directory vanished before it could be watched: {}", id, dir);
        } catch (IOException e) {
            LOG.warn("{}: cannot watch {}: {}", id, dir, e.toString());
            health = new SourceHealth(SourceHealth.State.DEGRADED, "cannot watch " + dir + ": " + e);
        }
    }

    /** Stops watching directories at or under {@code path} that no longer exist (deleted or moved away). */
    private void forgetDirectoriesUnder(Path path) {
        for (Path dir : List.copyOf(directories.keySet())) {
            if (dir.startsWith(path) && !Files.isDirectory(dir)) {
                directories.remove(dir).cancel();
                keys.values().remove(dir);
            }
        }
    }

    private void updateHealth() {
        if (!directories.containsKey(watchRoot)) {
            health = new SourceHealth(SourceHealth.State.DEGRADED, watchRoot + " is missing; waiting for it");
        } else {
            long failing = decoder.origins().stream().filter(o -> !decoder.problems(o).isEmpty()).count();
            health = new SourceHealth(SourceHealth.State.SYNCED, "watching " + known.size() + " file(s)"
                    + (failing > 0 ? ", " + failing + " with problems" : ""));
        }
    }
}
