package dev.spindle.config;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The configuration keys of one module, found through {@link ServiceLoader} (each module lists its
 * {@code *Keys} class's set in {@code META-INF/services/dev.spindle.config.KeySet}). spindle-submit
 * loads the sets of the jars it stages, so it checks the ApplicationMaster's and the executors' keys
 * before anything is uploaded, without compiling against those modules.
 */
public interface KeySet {
    /** Which module's keys these are, for the documentation. */
    String module();

    List<ConfigKey<?>> keys();

    /** The order of the documentation: the processes' modules as data flows, then any other. */
    List<String> MODULE_ORDER = List.of("core", "app-master", "executor-launcher", "yarn-client");

    /** Every key visible to {@code loader}, module by module in {@link #MODULE_ORDER}. */
    static List<ConfigKey<?>> all(ClassLoader loader) {
        List<KeySet> sets = new ArrayList<>();
        // ServiceLoader drops a provider named twice, as when a jar is on the parent's path too.
        ServiceLoader.load(KeySet.class, loader).forEach(sets::add);
        sets.sort(java.util.Comparator.comparing((KeySet s) -> {
            int i = MODULE_ORDER.indexOf(s.module());
            return i < 0 ? MODULE_ORDER.size() : i;
        }).thenComparing(KeySet::module));
        List<ConfigKey<?>> keys = new ArrayList<>();
        for (KeySet set : sets) {
            keys.addAll(set.keys());
        }
        return keys;
    }
}
