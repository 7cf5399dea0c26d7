package io.harbormaster.executors.wasm;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.harbormaster.core.executor.ExecutorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and compiles each module file once per executor instance. Keyed by path, modification time
 * and size, so a module replaced on disk is loaded again rather than served stale.
 */
final class ModuleCache {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleCache.class);

    private record Key(Path file, long modifiedMillis, long size) {
    }

    private final MachineChoice choice;
    private final Function<WasmModule, Function<Instance, Machine>> compiler;
    private final Map<Key, LoadedModule> modules = new ConcurrentHashMap<>();

    ModuleCache(MachineChoice choice) {
        // compile(WasmModule) builds the bytecode once and returns a factory that only instantiates it;
        // compile(Instance), what a method reference used as the machine factory picks, recompiles each time
        this(choice, wasm -> MachineFactoryCompiler.compile(wasm));
    }

    /** With another compiler, so tests can make compilation fail. */
    ModuleCache(MachineChoice choice, Function<WasmModule, Function<Instance, Machine>> compiler) {
        this.choice = choice;
        this.compiler = compiler;
    }

    LoadedModule load(Path file) {
        Key key = keyOf(file);
        LoadedModule cached = modules.get(key);
        if (cached != null) {
            return cached;
        }
        // two executions racing on a cold module may both compile it; the result is the same, so let them
        LoadedModule loaded = compileOrInterpret(file, parse(file));
        modules.keySet().removeIf(k -> k.file().equals(key.file()));
        modules.put(key, loaded);
        return loaded;
    }

    void clear() {
        modules.clear();
    }

    int size() {
        return modules.size();
    }

    private LoadedModule compileOrInterpret(Path file, WasmModule module) {
        if (choice == MachineChoice.INTERPRETER) {
            LOG.info("Module {} will be interpreted (machine=interpreter)", file);
            return new LoadedModule(file, module, null, MachineKind.INTERPRETED);
        }
        long begun = System.nanoTime();
        try {
            Function<Instance, Machine> factory = compiler.apply(module);
            LOG.info("Module {} compiled to JVM bytecode in {} ms", file, (System.nanoTime() - begun) / 1_000_000);
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

    private static WasmModule parse(Path file) {
        try {
            return Parser.parse(file);
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
