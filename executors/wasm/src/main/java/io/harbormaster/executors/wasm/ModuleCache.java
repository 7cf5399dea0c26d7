package io.harbormaster.executors.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.harbormaster.core.executor.ExecutorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and compiles each module file once per executor instance, and, given a data dir, once per node: the
 * generated classes go to the {@link CompiledModuleStore}, where plugins and the node after a restart load them
 * without the compiler. Keyed in memory by path, modification time and size, so a module replaced on disk is
 * loaded again rather than served stale; on disk by the SHA-256 of the bytes actually parsed.
 */
final class ModuleCache {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleCache.class);
    private static final Optional<String> CHICORY_VERSION = CompiledModuleKey.chicoryOnClasspath();

    private record Key(Path file, long modifiedMillis, long size) {
    }

    private final MachineChoice choice;
    private final CompiledModuleStore store;
    private final Function<WasmModule, CompiledClasses> compiler;
    private final Map<Key, LoadedModule> modules = new ConcurrentHashMap<>();

    /** Without a data dir: every executor instance compiles for itself. */
    ModuleCache(MachineChoice choice) {
        this(choice, null);
    }

    /** @param dataDir the node's data dir, holding the compiled-module cache; null for none */
    ModuleCache(MachineChoice choice, Path dataDir) {
        // a lambda, not a method reference: ChicoryCompiler (and so the compiler and ASM) loads only when called
        this(choice, dataDir == null ? null : CompiledModuleStore.under(dataDir), wasm -> ChicoryCompiler.compile(wasm));
    }

    /** With another store or compiler, so tests can damage entries or make compilation fail. */
    ModuleCache(MachineChoice choice, CompiledModuleStore store, Function<WasmModule, CompiledClasses> compiler) {
        this.choice = choice;
        this.store = CHICORY_VERSION.isPresent() ? store : null;
        this.compiler = compiler;
        if (store != null && CHICORY_VERSION.isEmpty()) {
            LOG.warn("The Chicory version on the classpath cannot be told; compiled modules are not cached in {}",
                    store.root());
        }
    }

    LoadedModule load(Path file) {
        Key key = keyOf(file);
        LoadedModule cached = modules.get(key);
        if (cached != null) {
            return cached;
        }
        // two executions racing on a cold module may both compile it; the result is the same, so let them
        byte[] bytes = read(file);
        LoadedModule loaded = compileOrInterpret(file, bytes, parse(file, bytes));
        modules.keySet().removeIf(k -> k.file().equals(key.file()));
        modules.put(key, loaded);
        return loaded;
    }

    /**
     * Makes sure the cache holds the module's classes, compiling them if not, without loading them here: what
     * the node does for a module about to run in a plugin. Never throws; a module that cannot be read, parsed or
     * compiled is left for the plugin, which reports it the usual way.
     */
    void precompile(Path file) {
        if (choice == MachineChoice.INTERPRETER || store == null) {
            return;
        }
        try {
            byte[] bytes = read(file);
            CompiledModuleKey key = CompiledModuleKey.of(bytes, CHICORY_VERSION.orElseThrow());
            if (store.read(key).isPresent()) {
                LOG.debug("Module {} is already in the compiled-module cache", file);
                return;
            }
            long begun = System.nanoTime();
            CompiledClasses classes = compiler.apply(parse(file, bytes));
            LOG.info("Module {} compiled to JVM bytecode in {} ms ahead of its plugin", file, millisSince(begun));
            save(file, key, classes);
        } catch (ExecutorException | ChicoryException | IllegalStateException | IndexOutOfBoundsException
                 | LinkageError failed) {
            LOG.info("Module {} not compiled ahead ({}); its plugin will do what it can", file, failed.toString());
        }
    }

    void clear() {
        modules.clear();
    }

    int size() {
        return modules.size();
    }

    private LoadedModule compileOrInterpret(Path file, byte[] bytes, WasmModule module) {
        if (choice == MachineChoice.INTERPRETER) {
            LOG.info("Module {} will be interpreted (machine=interpreter)", file);
            return new LoadedModule(file, module, null, MachineKind.INTERPRETED);
        }
        CompiledModuleKey key = store == null ? null : CompiledModuleKey.of(bytes, CHICORY_VERSION.orElseThrow());
        Optional<Function<Instance, Machine>> precompiled = precompiled(file, key);
        if (precompiled.isPresent()) {
            return new LoadedModule(file, module, precompiled.get(), MachineKind.COMPILED);
        }
        long begun = System.nanoTime();
        try {
            CompiledClasses classes = compiler.apply(module);
            Function<Instance, Machine> factory = GeneratedClasses.machineFactory(classes);
            LOG.info("Module {} compiled to JVM bytecode in {} ms", file, millisSince(begun));
            if (key != null) {
                save(file, key, classes);
            }
            return new LoadedModule(file, module, factory, MachineKind.COMPILED);
        } catch (ChicoryException | IllegalStateException | IndexOutOfBoundsException | LinkageError failed) {
            // IndexOutOfBounds covers ASM's method/class-too-large; LinkageError a class the JVM rejects
            if (choice == MachineChoice.COMPILER) {
                throw new ExecutorException("module " + file.getFileName() + " cannot be compiled and "
                        + "machine=compiler forbids interpreting it: " + failed.getMessage(), false, failed);
            }
            LOG.warn("Module {} cannot be compiled ({}); interpreting it instead", file, failed.toString());
            return new LoadedModule(file, module, null, MachineKind.INTERPRETED);
        }
    }

    /** The machine factory from the cache's classes, if a valid entry is there and the JVM accepts its classes. */
    private Optional<Function<Instance, Machine>> precompiled(Path file, CompiledModuleKey key) {
        if (key == null) {
            return Optional.empty();
        }
        long begun = System.nanoTime();
        Optional<CompiledClasses> classes = store.read(key);
        if (classes.isEmpty()) {
            return Optional.empty();
        }
        try {
            Function<Instance, Machine> factory = GeneratedClasses.machineFactory(classes.get());
            LOG.info("Module {} loaded precompiled classes from cache {} in {} ms ({} classes, {} bytes)", file,
                    store.entry(key), millisSince(begun), classes.get().classes().size(), classes.get().size());
            return Optional.of(factory);
        } catch (ChicoryException | LinkageError rejected) {
            LOG.warn("Compiled-module cache entry {} was rejected ({}); the module is compiled again",
                    store.entry(key), rejected.toString());
            store.discard(key);
            return Optional.empty();
        }
    }

    private void save(Path file, CompiledModuleKey key, CompiledClasses classes) {
        try {
            store.write(key, classes);
        } catch (IOException | UncheckedIOException unwritable) {
            LOG.warn("Cannot store the compiled classes of module {} in {}: {}; it runs anyway and is compiled "
                    + "again next time", file, store.root(), unwritable.getMessage());
        }
    }

    private static long millisSince(long begun) {
        return (System.nanoTime() - begun) / 1_000_000;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ExecutorException("cannot read module " + file + ": " + e.getMessage(), true, e);
        }
    }

    private static WasmModule parse(Path file, byte[] bytes) {
        try {
            return Parser.parse(bytes);
        } catch (ChicoryException malformed) {
            throw new ExecutorException("module " + file + " is not a valid WebAssembly module: "
                    + malformed.getMessage(), false, malformed);
        }
    }

    private static Key keyOf(Path file) {
        try {
            Path real = file.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            return new Key(real, attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (IOException e) {
            throw new ExecutorException("cannot read module " + file + ": " + e.getMessage(), true, e);
        }
    }
}
