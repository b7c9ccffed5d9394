package dev.spindle.am;

import dev.spindle.driver.Driver;
import dev.spindle.driver.DriverRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Cluster mode: runs the job's {@code main} on a thread of the ApplicationMaster, with the driver
 * installed for its SpindleContext, and tells the driver the outcome when {@code main} returns.
 */
final class ClusterModeDriver implements HostedDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterModeDriver.class);

    private final DriverStartup driver;
    private final String mainClass;
    private final List<String> args;

    /** @param driver the driver starting; {@link #start} runs {@code main} once it is up */
    ClusterModeDriver(DriverStartup driver, String mainClass, List<String> args) {
        this.driver = driver;
        this.mainClass = mainClass;
        this.args = args;
    }

    @Override
    public void stop() {
        driver.close();
    }

    @Override
    public Throwable failure() {
        return driver.failure();
    }

    @Override
    public void start() {
        Thread t = new Thread(this::runMain, "driver");
        t.setDaemon(true);
        t.start();
    }

    private void runMain() {
        Driver driver;
        try {
            driver = this.driver.await();
        } catch (java.io.IOException e) {
            // The AM, which waited for the same start before it let main run, already fails with it.
            LOG.error("Cannot run {}: {}", mainClass, e.getMessage());
            return;
        }
        DriverRuntime.install(driver);
        String status = "SUCCEEDED";
        String diagnostics = "";
        try {
            Class<?> cls = Class.forName(mainClass, true, Thread.currentThread().getContextClassLoader());
            Method main = cls.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                throw new NoSuchMethodException(mainClass + ".main is not static");
            }
            LOG.info("Running {}.main in the ApplicationMaster", mainClass);
            main.invoke(null, (Object) args.toArray(new String[0]));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            LOG.error("User class {} threw", mainClass, cause);
            status = "FAILED";
            diagnostics = "User class threw " + describe(cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.error("Cannot run {}", mainClass, e);
            status = "FAILED";
            diagnostics = "Cannot run " + mainClass + ": " + describe(e);
        } finally {
            DriverRuntime.clear(driver);
        }
        String summary = driver.summary().toLine();
        driver.finishApplication(status, diagnostics.isEmpty() ? summary : diagnostics + "\n" + summary);
    }

    static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
    }
}
