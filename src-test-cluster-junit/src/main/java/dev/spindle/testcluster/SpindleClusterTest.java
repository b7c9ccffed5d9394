package dev.spindle.testcluster;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against one {@link EmbeddedCluster}, started before its first test and stopped
 * after its last. Test methods, {@code @BeforeAll} methods and constructors may take an
 * {@code EmbeddedCluster} parameter. A test fails when it leaves an application it started running
 * (the application is killed), or when a container of one of its applications logged an uncaught
 * exception, unless it is annotated {@link ExpectContainerErrors}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SpindleClusterExtension.class)
public @interface SpindleClusterTest {
    /** Nodes, each a DataNode and a NodeManager. */
    int nodes() default 1;

    /** DataNodes with no NodeManager besides the nodes ({@link EmbeddedCluster.Builder#dataOnlyNodes}). */
    int dataOnlyNodes() default 0;

    /** Racks the nodes are spread over (node i in {@code /rack-(i mod racks + 1)}); 0: no racks. */
    int racks() default 0;

    /** HDFS block size in bytes; 0 keeps Hadoop's default. */
    long blockSize() default 0;

    /** Extra Hadoop settings of the cluster, each {@code key=value}. */
    String[] conf() default {};

    /**
     * A Kerberos-secured cluster with its own KDC ({@link EmbeddedCluster.Builder#secure}). It makes
     * its krb5.conf and Kerberos logins the JVM's: run such classes in a JVM of their own.
     */
    boolean secure() default false;

    /** On a secure cluster, how long HDFS delegation tokens live at most; 0 keeps Hadoop's 7 days. */
    long delegationTokenMaxLifetimeMillis() default 0;
}
