package dev.spindle.am;

import dev.spindle.config.CoreKeys;
import dev.spindle.config.SpindleConf;
import dev.spindle.yarn.LaunchContexts;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Starts executor processes in allocated containers through the NodeManagers. The launch context is
 * the same for every executor but its id, so the staged files are looked up once.
 */
final class ExecutorLauncher implements ExecutorStarter {
    static final String EXECUTOR_MAIN = "dev.spindle.executor.ExecutorMain";

    private final NodeManagerClient nmClient;
    private final Map<String, LocalResource> resources;
    private final Map<String, String> environment;
    private final SpindleConf conf;
    private final String driverAddress;
    private final java.util.function.Supplier<ByteBuffer> tokens;

    ExecutorLauncher(NodeManagerClient nmClient, Map<String, LocalResource> resources, Map<String, String> environment,
                     SpindleConf conf, String driverAddress, java.util.function.Supplier<ByteBuffer> tokens) {
        this.nmClient = nmClient;
        this.resources = resources;
        this.environment = environment;
        this.conf = conf;
        this.driverAddress = driverAddress;
        this.tokens = tokens;
    }

    @Override
    public void launch(Container container, String executorId) {
        List<String> command = LaunchContexts.javaCommand(conf.get(CoreKeys.EXECUTOR_MEMORY),
                conf.get(AmKeys.EXECUTOR_JAVA_OPTIONS), EXECUTOR_MAIN,
                List.of(driverAddress, executorId, String.valueOf(conf.get(CoreKeys.EXECUTOR_CORES))));
        // The newest credentials: after a token refresh, new executors start with the new tokens.
        ByteBuffer current = tokens.get();
        ContainerLaunchContext ctx = ContainerLaunchContext.newInstance(resources, environment, command, null,
                current == null ? null : current.duplicate(), null);
        nmClient.startContainer(container, ctx);
    }
}
