package dev.spindle.testcluster;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JUnit 5 extension behind {@link SpindleClusterTest}: one embedded cluster per test class, and
 * after each test two checks on the applications that test started: none may be left running (they
 * are killed, and the test fails naming them), and none of their containers may have logged an
 * uncaught exception (unless the test is {@link ExpectContainerErrors}).
 */
public final class SpindleClusterExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SpindleClusterExtension.class);
    /** Findings shown in one failure; the rest are counted. */
    private static final int MAX_FINDINGS = 10;

    /** Closes the cluster when the class's store is closed, after its last test. */
    private record Handle(EmbeddedCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        SpindleClusterTest spec = context.getRequiredTestClass().getAnnotation(SpindleClusterTest.class);
        EmbeddedCluster.Builder b = EmbeddedCluster.builder()
                // The log check reads a test's container logs after it, which can be longer than the
                // NodeManagers keep them (logRetainSeconds) after an early application finished: the
                // deletion is put off instead, the base directory goes with the cluster anyway.
                .set("yarn.nodemanager.delete.debug-delay-sec", "3600");
        if (spec != null) {
            b.nodes(spec.nodes()).dataOnlyNodes(spec.dataOnlyNodes()).racks(spec.racks()).blockSize(spec.blockSize()).secure(spec.secure())
                    .delegationTokenMaxLifetimeMillis(spec.delegationTokenMaxLifetimeMillis());
            for (String setting : spec.conf()) {
                int eq = setting.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("@SpindleClusterTest conf entries are key=value, not '" + setting + "'");
                }
                b.set(setting.substring(0, eq), setting.substring(eq + 1));
            }
        }
        context.getStore(NS).put(Handle.class, new Handle(b.start()));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        context.getStore(NS).put(TestApplications.class, new TestApplications(cluster(context).applications()));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        EmbeddedCluster cluster = cluster(context);
        TestApplications mine = context.getStore(NS).remove(TestApplications.class, TestApplications.class);
        List<ApplicationReport> after = cluster.applications();
        // As before the checks existed: nothing left running reaches the next test.
        cluster.killRunningApplications();
        if (mine == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<ApplicationId> leaked = mine.leftRunning(after);
        if (!leaked.isEmpty()) {
            problems.add("the test left " + leaked.size() + " application(s) running: " + joined(leaked)
                    + " (killed now); a test must wait for, or kill, every application it starts");
        }
        Optional<String> reason = expectedErrors(context);
        if (reason.isEmpty()) {
            Set<ApplicationId> killed = new HashSet<>(leaked);
            List<ContainerErrorScan.Finding> findings = new ArrayList<>();
            for (ApplicationReport r : mine.startedDuringTest(after)) {
                // A leaked application's containers were just killed: what they logged is not news.
                if (!killed.contains(r.getApplicationId())) {
                    findings.addAll(ContainerErrorScan.scan(cluster.containerLogFiles(r.getApplicationId())));
                }
            }
            if (!findings.isEmpty()) {
                problems.add(describe(findings));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join(System.lineSeparator(), problems));
        }
    }

    private static String describe(List<ContainerErrorScan.Finding> findings) {
        StringBuilder sb = new StringBuilder().append(findings.size())
                .append(" uncaught exception(s) in the containers of the test's applications (annotate the test")
                .append(" @ExpectContainerErrors if it causes them on purpose):");
        for (ContainerErrorScan.Finding f : findings.subList(0, Math.min(MAX_FINDINGS, findings.size()))) {
            sb.append(System.lineSeparator()).append("  ").append(f.describe());
        }
        if (findings.size() > MAX_FINDINGS) {
            sb.append(System.lineSeparator()).append("  … and ").append(findings.size() - MAX_FINDINGS).append(" more");
        }
        return sb.toString();
    }

    private static String joined(List<ApplicationId> apps) {
        return String.join(", ", apps.stream().map(ApplicationId::toString).toList());
    }

    /** The method's {@link ExpectContainerErrors}, or its class's (or an enclosing class's). */
    private static Optional<String> expectedErrors(ExtensionContext context) {
        ExpectContainerErrors onMethod = context.getRequiredTestMethod().getAnnotation(ExpectContainerErrors.class);
        if (onMethod != null) {
            return Optional.of(onMethod.value());
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            ExpectContainerErrors onClass = c.getAnnotation(ExpectContainerErrors.class);
            if (onClass != null) {
                return Optional.of(onClass.value());
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    private static EmbeddedCluster cluster(ExtensionContext context) {
        ExtensionContext c = context;
        while (c != null) {
            Handle h = c.getStore(NS).get(Handle.class, Handle.class);
            if (h != null) {
                return h.cluster();
            }
            c = c.getParent().orElse(null);
        }
        throw new IllegalStateException("no embedded cluster: annotate the test class with @SpindleClusterTest");
    }
}
