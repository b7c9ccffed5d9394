package dev.spindle.testcluster;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The JUnit 5 extension behind {@link SpindleClusterTest}: one embedded cluster per test class. */
public final class SpindleClusterExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SpindleClusterExtension.class);

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
        EmbeddedCluster.Builder b = EmbeddedCluster.builder();
        if (spec != null) {
            b.nodes(spec.nodes()).racks(spec.racks()).blockSize(spec.blockSize());
        }
        context.getStore(NS).put(Handle.class, new Handle(b.start()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        cluster(context).killRunningApplications();
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
