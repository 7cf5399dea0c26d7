package io.harbormaster.executors.wasm;

import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import com.dylibso.chicory.compiler.internal.ClassCollector;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs Chicory's compiler and keeps the class bytes instead of loading them, the way its build-time Maven
 * plugin does. The only class of this executor that touches the compiler: a process that finds a module in the
 * compiled-module cache never loads this class, so neither the compiler nor ASM.
 */
final class ChicoryCompiler {

    private ChicoryCompiler() {
    }

    /** The same compilation {@code MachineFactoryCompiler.compile(module)} does, with the bytes handed back. */
    static CompiledClasses compile(WasmModule module) {
        CompilerResult result = Compiler.builder(module).withClassCollectorFactory(ByteClassCollector::new).build()
                .compile();
        ClassCollector collector = result.collector();
        // the collector names classes the JVM's internal way (a/b/C); class loaders want binary names (a.b.C)
        Map<String, byte[]> classes = new LinkedHashMap<>();
        collector.classBytes().forEach((name, bytes) -> classes.put(binaryName(name), bytes));
        return new CompiledClasses(binaryName(collector.mainClassName()), classes);
    }

    private static String binaryName(String name) {
        return name.replace('/', '.');
    }
}
