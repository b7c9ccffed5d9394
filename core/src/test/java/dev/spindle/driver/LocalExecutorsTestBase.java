package dev.spindle.driver;

import dev.spindle.Dataset;
import dev.spindle.SpindleContext;
import dev.spindle.config.CoreKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Test classes whose tests share one real driver with two local executors ({@link LocalExecutors}),
 * started before the class's first test and closed after its last.
 */
abstract class LocalExecutorsTestBase {
    @TempDir
    static Path shuffleDir;
    static LocalExecutors executors;

    @BeforeAll
    static void startExecutors() throws Exception {
        executors = new LocalExecutors(2, Map.of(CoreKeys.EXECUTOR_INSTANCES.name(), "2"), shuffleDir);
    }

    @AfterAll
    static void stopExecutors() {
        executors.close();
    }

    /** 0..n-1 over {@code partitions}; more partitions than elements leaves some empty. */
    static Dataset<Integer> numbers(SpindleContext sc, int n, int partitions) {
        return sc.parallelize(IntStream.range(0, n).boxed().toList(), partitions);
    }
}
