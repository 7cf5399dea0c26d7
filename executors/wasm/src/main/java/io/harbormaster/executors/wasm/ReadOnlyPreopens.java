package io.harbormaster.executors.wasm;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Makes read-only input directories read-only. Chicory's WASI pre-opens every directory read-write,
 * so this wraps its host functions: a descriptor is read-only when it is a read-only pre-open or
 * was opened through one, and every call that would change a file through it answers EROFS.
 */
final class ReadOnlyPreopens {

    static final int ERRNO_ROFS = 69;

    private static final int FIRST_PREOPEN_FD = 3;
    private static final int OFLAGS_CREAT = 1;
    private static final int OFLAGS_TRUNC = 8;
    private static final int FDFLAGS_APPEND = 1;
    private static final long RIGHTS_WRITING = (1L << 6) | (1L << 8) | (1L << 22); // fd_write, allocate, set_size
    private static final Map<String, Integer> DIRECTORY_ARGUMENT = Map.of(
            "path_create_directory", 0,
            "path_remove_directory", 0,
            "path_unlink_file", 0,
            "path_filestat_set_times", 0,
            "path_symlink", 2,
            "path_link", 4);
    private static final Set<String> FILE_CHANGES = Set.of(
            "fd_write", "fd_pwrite", "fd_allocate", "fd_filestat_set_size", "fd_filestat_set_times");

    private final Set<Integer> readOnly = ConcurrentHashMap.newKeySet();

    private ReadOnlyPreopens(Set<Integer> readOnlyPreopens) {
        readOnly.addAll(readOnlyPreopens);
    }

    /** WASI's host functions, those that could write through a read-only directory guarded. */
    static HostFunction[] guard(WasiPreview1 wasi, Collection<String> readOnlyTargets) {
        HostFunction[] functions = wasi.toHostFunctions();
        if (readOnlyTargets.isEmpty()) {
            return functions;
        }
        Set<String> targets = readOnlyTargets.stream().map(ReadOnlyPreopens::withoutTrailingSlash)
                .collect(Collectors.toSet());
        ReadOnlyPreopens guard = new ReadOnlyPreopens(preopenFds(wasi, targets));
        for (int i = 0; i < functions.length; i++) {
            functions[i] = guard.wrap(functions[i]);
        }
        return functions;
    }

    /** Asks WASI which descriptor each pre-open got, on a scratch memory so the module's stays untouched. */
    private static Set<Integer> preopenFds(WasiPreview1 wasi, Collection<String> readOnlyTargets) {
        Memory scratch = new ByteBufferMemory(new MemoryLimits(1, 1));
        Set<Integer> fds = new HashSet<>();
        for (int fd = FIRST_PREOPEN_FD; wasi.fdPrestatGet(scratch, fd, 0) == 0; fd++) {
            int nameLength = scratch.readInt(4);
            wasi.fdPrestatDirName(scratch, fd, 16, nameLength);
            if (readOnlyTargets.contains(withoutTrailingSlash(scratch.readString(16, nameLength)))) {
                fds.add(fd);
            }
        }
        return fds;
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private HostFunction wrap(HostFunction function) {
        WasmFunctionHandle original = function.handle();
        WasmFunctionHandle guarded = switch (function.name()) {
            case "path_open" -> (instance, args) -> pathOpen(original, instance, args);
            case "path_rename" -> (instance, args) -> isReadOnly(args[0]) || isReadOnly(args[3])
                    ? refused() : original.apply(instance, args);
            case "fd_close" -> (instance, args) -> forget(args[0], original.apply(instance, args));
            case "fd_renumber" -> (instance, args) -> renumber(args[0], args[1], original.apply(instance, args));
            default -> guardedByArgument(function.name(), original);
        };
        if (guarded == original) {
            return function;
        }
        return new HostFunction(function.module(), function.name(), function.functionType(), guarded);
    }

    private WasmFunctionHandle guardedByArgument(String name, WasmFunctionHandle original) {
        Integer directory = DIRECTORY_ARGUMENT.get(name);
        int argument = directory != null ? directory : FILE_CHANGES.contains(name) ? 0 : -1;
        if (argument < 0) {
            return original;
        }
        return (instance, args) -> isReadOnly(args[argument]) ? refused() : original.apply(instance, args);
    }

    /** Refuses opening for writing through a read-only directory; what it opens there is read-only too. */
    private long[] pathOpen(WasmFunctionHandle original, Instance instance, long[] args) {
        boolean throughReadOnly = isReadOnly(args[0]);
        if (throughReadOnly && opensForWriting(args)) {
            return refused();
        }
        long[] result = original.apply(instance, args);
        if (throughReadOnly && result[0] == 0) {
            readOnly.add(instance.memory().readInt((int) args[8]));
        }
        return result;
    }

    private static boolean opensForWriting(long[] args) {
        int oflags = (int) args[4];
        long rights = args[5];
        int fdflags = (int) args[7];
        return (oflags & (OFLAGS_CREAT | OFLAGS_TRUNC)) != 0 || (rights & RIGHTS_WRITING) != 0
                || (fdflags & FDFLAGS_APPEND) != 0;
    }

    private boolean isReadOnly(long fd) {
        return readOnly.contains((int) fd);
    }

    private long[] forget(long fd, long[] result) {
        if (result[0] == 0) {
            readOnly.remove((int) fd);
        }
        return result;
    }

    private long[] renumber(long from, long to, long[] result) {
        if (result[0] == 0) {
            boolean wasReadOnly = readOnly.remove((int) from);
            readOnly.remove((int) to);
            if (wasReadOnly) {
                readOnly.add((int) to);
            }
        }
        return result;
    }

    private static long[] refused() {
        return new long[] {ERRNO_ROFS};
    }
}
