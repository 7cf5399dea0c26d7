package io.harbormaster.executors.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.function.Function;

/**
 * Defines a module's generated classes in a class loader of their own and makes the machine factory from them.
 * Its parent is the loader of Chicory's runtime, which is all the generated code calls at run time; one loader
 * per module, so modules never see each other's classes and a module's classes go when it is forgotten.
 */
final class GeneratedClasses {

    private GeneratedClasses() {
    }

    /**
     * Defines and links every class now, so bytes the JVM rejects fail here, where the caller can compile
     * again, and not in the middle of an execution.
     *
     * @throws LinkageError if the JVM rejects a class
     */
    static Function<Instance, Machine> machineFactory(CompiledClasses compiled) {
        Loader loader = new Loader(Machine.class.getClassLoader(), compiled.classes());
        try {
            for (String name : compiled.classes().keySet()) {
                Class.forName(name, true, loader);
            }
            Constructor<? extends Machine> constructor = Class.forName(compiled.mainClass(), true, loader)
                    .asSubclass(Machine.class).getConstructor(Instance.class);
            return instance -> newMachine(constructor, instance);
        } catch (ReflectiveOperationException | ClassCastException unusable) {
            throw new ChicoryException("the generated classes of the module are unusable: " + unusable, unusable);
        }
    }

    private static Machine newMachine(Constructor<? extends Machine> constructor, Instance instance) {
        try {
            return constructor.newInstance(instance);
        } catch (InvocationTargetException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new ChicoryException("the compiled module's machine failed to start", failed.getCause());
        } catch (ReflectiveOperationException unusable) {
            throw new ChicoryException("the compiled module's machine cannot be made: " + unusable, unusable);
        }
    }

    /** Finds the module's classes in its map, everything else through the parent. */
    private static final class Loader extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> classes;

        Loader(ClassLoader parent, Map<String, byte[]> classes) {
            super("wasm-module", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
