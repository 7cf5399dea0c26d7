package io.harbormaster.executors.wasm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled-module cache on disk ({@code <data>/wasm-classes/}): one directory per {@link CompiledModuleKey},
 * holding the generated class files and a manifest with each file's size and SHA-256.
 *
 * <p>The node compiles a module once and every plugin (and the node after a restart) loads the classes from here,
 * without the compiler. An entry is written in a temporary directory and renamed into place, so a reader sees a
 * whole entry or none; two writers racing both end with a valid entry. An entry is checked in full when read:
 * a damaged, partial or foreign one is ignored with a log line, never trusted, and the next writer replaces it.
 */
final class CompiledModuleStore {

    static final String DIRECTORY = "wasm-classes";
    private static final String MANIFEST = "manifest.properties";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String TRASH_PREFIX = ".trash-";
    /** A temporary directory older than this belongs to a writer that died: removed by the next write. */
    private static final Duration ABANDONED = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(CompiledModuleStore.class);

    private final Path root;

    CompiledModuleStore(Path root) {
        this.root = root;
    }

    /** The cache under a node's data dir. */
    static CompiledModuleStore under(Path dataDir) {
        return new CompiledModuleStore(dataDir.resolve(DIRECTORY));
    }

    Path root() {
        return root;
    }

    Path entry(CompiledModuleKey key) {
        return root.resolve(key.directoryName());
    }

    /** The classes stored for {@code key}, if a whole, matching entry is there. Never throws for a bad entry. */
    Optional<CompiledClasses> read(CompiledModuleKey key) {
        Path entry = entry(key);
        if (!Files.isDirectory(entry)) {
            return Optional.empty();
        }
        Attempt attempt = attempt(entry, key);
        if (attempt.problem() != null) {
            LOG.warn("Ignoring compiled-module cache entry {}: {}; the module is compiled again", entry, attempt.problem());
            return Optional.empty();
        }
        return Optional.of(attempt.classes());
    }

    /** An entry read in full and checked: its classes, or why it cannot be used. */
    private record Attempt(CompiledClasses classes, String problem) {
    }

    private static Attempt attempt(Path entry, CompiledModuleKey key) {
        try {
            return new Attempt(readEntry(entry, key), null);
        } catch (UnusableEntryException | IllegalArgumentException unusable) {
            return new Attempt(null, unusable.getMessage());
        } catch (CharacterCodingException garbage) {
            return new Attempt(null, "its manifest is not text");
        } catch (IOException unreadable) {
            return new Attempt(null, "cannot read it (" + unreadable + ")");
        }
    }

    /**
     * Stores the classes for {@code key}. An entry already there is kept if it is valid (another writer was
     * first: same module, same compiler, same classes) and replaced if not.
     *
     * @throws IOException if the cache directory cannot be written; the caller runs the module anyway
     */
    void write(CompiledModuleKey key, CompiledClasses classes) throws IOException {
        Files.createDirectories(root);
        removeAbandoned();
        Path temp = Files.createTempDirectory(root, TEMP_PREFIX + key.directoryName() + "-");
        try {
            writeEntry(temp, key, classes);
            Path entry = entry(key);
            if (moveInto(temp, entry)) {
                return;
            }
            if (attempt(entry, key).problem() == null) {
                return; // another writer won with a valid entry
            }
            // a damaged entry is in the way: set it aside first, a rename cannot replace a non-empty directory
            Path trash = root.resolve(TRASH_PREFIX + key.directoryName() + "-" + System.nanoTime());
            try {
                Files.move(entry, trash, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException alreadyMoved) {
                // another writer is replacing it too
            }
            if (!moveInto(temp, entry) && attempt(entry, key).problem() != null) {
                throw new IOException("another writer keeps leaving an unusable entry at " + entry);
            }
            deleteTree(trash);
        } finally {
            deleteTree(temp);
        }
    }

    /**
     * Removes the entry for {@code key}: for one whose files all check out but whose classes the JVM refused,
     * which {@link #write} would otherwise keep as valid. Moved aside first, so no reader sees it half deleted.
     */
    void discard(CompiledModuleKey key) {
        Path trash = root.resolve(TRASH_PREFIX + key.directoryName() + "-" + System.nanoTime());
        try {
            Files.move(entry(key), trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException stuck) {
            LOG.warn("Cannot remove compiled-module cache entry {}: {}", entry(key), stuck.getMessage());
            return;
        }
        deleteTree(trash);
    }

    /** True if the rename happened; false if something is already at {@code entry}. */
    private static boolean moveInto(Path temp, Path entry) throws IOException {
        try {
            Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException occupied) {
            if (Files.exists(entry)) {
                return false;
            }
            throw occupied;
        }
    }

    private static void writeEntry(Path dir, CompiledModuleKey key, CompiledClasses classes) throws IOException {
        Properties manifest = new Properties();
        manifest.setProperty("format", Integer.toString(key.format()));
        manifest.setProperty("chicory", key.chicoryVersion());
        manifest.setProperty("module.sha256", key.moduleSha256());
        manifest.setProperty("main", classes.mainClass());
        manifest.setProperty("classes", Integer.toString(classes.classes().size()));
        int i = 0;
        for (Map.Entry<String, byte[]> generated : classes.classes().entrySet()) {
            String file = "c" + i + ".class";
            writeDurably(dir.resolve(file), generated.getValue());
            manifest.setProperty("class." + i + ".name", generated.getKey());
            manifest.setProperty("class." + i + ".file", file);
            manifest.setProperty("class." + i + ".size", Integer.toString(generated.getValue().length));
            manifest.setProperty("class." + i + ".sha256", CompiledModuleKey.sha256(generated.getValue()));
            i++;
        }
        StringWriter text = new StringWriter();
        manifest.store(text, "Harbormaster compiled WebAssembly module; delete the directory to compile it again");
        writeDurably(dir.resolve(MANIFEST), text.toString().getBytes(StandardCharsets.UTF_8));
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static CompiledClasses readEntry(Path entry, CompiledModuleKey key) throws IOException {
        Properties manifest = new Properties();
        try (Reader text = new StringReader(Files.readString(entry.resolve(MANIFEST), StandardCharsets.UTF_8))) {
            manifest.load(text);
        }
        expect(manifest, "format", Integer.toString(key.format()));
        expect(manifest, "chicory", key.chicoryVersion());
        expect(manifest, "module.sha256", key.moduleSha256());
        int count = number(manifest, "classes");
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = required(manifest, "class." + i + ".name");
            String file = required(manifest, "class." + i + ".file");
            if (!file.matches("c[0-9]+\\.class")) {
                throw new UnusableEntryException("class file name " + file + " is not one this cache writes");
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(entry.resolve(file));
            } catch (NoSuchFileException missing) {
                throw new UnusableEntryException("class file " + file + " is missing");
            }
            if (bytes.length != number(manifest, "class." + i + ".size")) {
                throw new UnusableEntryException("class file " + file + " has " + bytes.length
                        + " bytes, the manifest says " + manifest.getProperty("class." + i + ".size"));
            }
            if (!CompiledModuleKey.sha256(bytes).equals(required(manifest, "class." + i + ".sha256"))) {
                throw new UnusableEntryException("class file " + file + " does not match its checksum");
            }
            classes.put(name, bytes);
        }
        return new CompiledClasses(required(manifest, "main"), classes);
    }

    private static void expect(Properties manifest, String key, String value) {
        String found = required(manifest, key);
        if (!found.equals(value)) {
            throw new UnusableEntryException("its manifest says " + key + "=" + found + ", expected " + value);
        }
    }

    private static int number(Properties manifest, String key) {
        String value = required(manifest, key);
        try {
            int number = Integer.parseInt(value);
            if (number < 0) {
                throw new UnusableEntryException("its manifest says " + key + "=" + value);
            }
            return number;
        } catch (NumberFormatException garbage) {
            throw new UnusableEntryException("its manifest says " + key + "=" + value + ", not a number");
        }
    }

    private static String required(Properties manifest, String key) {
        String value = manifest.getProperty(key);
        if (value == null) {
            throw new UnusableEntryException("its manifest has no " + key);
        }
        return value;
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            out.write(bytes);
            out.flush();
            channel.force(true);
        }
    }

    /** Leftovers of writers that died between creating their temporary directory and renaming it. */
    private void removeAbandoned() {
        Instant before = Instant.now().minus(ABANDONED);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(root,
                name -> name.getFileName().toString().startsWith(TEMP_PREFIX)
                        || name.getFileName().toString().startsWith(TRASH_PREFIX))) {
            for (Path leftover : leftovers) {
                FileTime modified = Files.getLastModifiedTime(leftover);
                if (modified.toInstant().isBefore(before)) {
                    deleteTree(leftover);
                }
            }
        } catch (IOException unreadable) {
            LOG.debug("Cannot list {} for abandoned entries: {}", root, unreadable.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException left) {
            LOG.debug("Cannot remove {}: {}", dir, left.getMessage());
        }
    }

    /** Why an entry is not used; never leaves this class. */
    private static final class UnusableEntryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnusableEntryException(String message) {
            super(message);
        }
    }
}
