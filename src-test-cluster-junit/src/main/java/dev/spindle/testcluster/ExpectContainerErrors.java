package dev.spindle.testcluster;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says that the containers of the applications this test (or every test of this class) starts may
 * log uncaught exceptions on purpose, e.g. because the test kills processes or makes a task throw:
 * {@link SpindleClusterTest}'s container log check then does not fail it. Leaked applications still do.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ExpectContainerErrors {
    /** Why the errors are expected, for the reader. */
    String value();
}
