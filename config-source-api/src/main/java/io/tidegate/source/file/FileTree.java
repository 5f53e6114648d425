package io.tidegate.source.file;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which files of a configuration directory hold documents, and how they are named. Shared by the
 * watching {@link FileSource} and the offline {@code Snapshots.fromFiles}, so both see the same files.
 *
 * <p>Documents live in {@code *.yaml} / {@code *.yml} files. Skipped: dotfiles and dot-directories
 * (Kubernetes ConfigMap mounts keep their real files under {@code ..data}), and the temporary and
 * backup files editors leave behind ({@code *~}, {@code *.swp}, {@code *.swx}, {@code #*#},
 * {@code *.tmp}, vim's {@code 4913} probe, emacs's {@code .#*} locks).
 */
public final class FileTree {

    private static final Logger LOG = LoggerFactory.getLogger(FileTree.class);

    private FileTree() {
    }

    /** Whether a file name (no directory) names a document file. */
    public static boolean isDocumentFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return (lower.endsWith(".yaml") || lower.endsWith(".yml")) && !isIgnoredName(name);
    }

    /** Names never read and never descended into: hidden entries and editor leftovers. */
    public static boolean isIgnoredName(String name) {
        return name.isEmpty() || name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp")
                || name.endsWith(".swx") || name.endsWith(".tmp") || name.equals("4913")
                || (name.length() > 1 && name.startsWith("#") && name.endsWith("#"));
    }

    /** Whether {@code file}, somewhere under {@code root}, is a document file in a visible directory. */
    public static boolean isDocumentPath(Path root, Path file) {
        if (!file.startsWith(root) || file.equals(root)) {
            return false;
        }
        Path relative = root.relativize(file);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (isIgnoredName(relative.getName(i).toString())) {
                return false;
            }
        }
        return isDocumentFile(relative.getFileName().toString());
    }

    /** {@code ingresses/foo.yaml}: the path of {@code file} relative to {@code root}, with {@code /}. */
    public static String location(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder out = new StringBuilder();
        for (Path part : relative) {
            if (out.length() > 0) out.append('/');
            out.append(part);
        }
        return out.toString();
    }

    /** Every document file under {@code dir} (recursively, following symbolic links), sorted. */
    public static List<Path> list(Path root, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        walk(root, dir, d -> { }, files::add);
        files.sort(null);
        return List.copyOf(files);
    }

    /**
     * Walks the visible directories under {@code dir}, calling {@code onDirectory} for each
     * (including {@code dir}) and {@code onFile} for each document file. Unreadable entries are
     * logged and skipped so one bad subdirectory does not hide the rest.
     */
    static void walk(Path root, Path dir, Consumer<Path> onDirectory, Consumer<Path> onFile) throws IOException {
        // Links are followed (a configuration directory is often a symlink); loops end up in visitFileFailed.
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (!d.equals(root) && isIgnoredName(d.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                onDirectory.accept(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isDocumentPath(root, file)) {
                    onFile.accept(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    // Deleted while we walked: the deletion's own watch event handles it.
                    LOG.debug("Vanished during the walk: {}", file);
                } else {
                    LOG.warn("Cannot read {}: {}", file, e.toString());
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Whether {@code dir}, under {@code root}, is a directory whose files count (no hidden segment). */
    public static boolean isVisibleDirectory(Path root, Path dir) {
        if (!dir.startsWith(root)) {
            return false;
        }
        for (Path part : root.relativize(dir)) {
            if (isIgnoredName(part.toString())) {
                return false;
            }
        }
        return true;
    }
}
