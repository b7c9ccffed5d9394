package dev.spindle.submit;

import dev.spindle.driver.Driver;
import dev.spindle.driver.DriverRuntime;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/** The job's {@code main}: checked in its jar before anything starts, and run here in client mode. */
final class UserMain {
    private UserMain() {
    }

    /** Fails with one sentence unless {@code jar} is a readable jar holding {@code mainClass}. */
    static void check(Path jar, String mainClass) {
        if (!Files.exists(jar)) {
            throw new UserError("application jar " + jar + " does not exist");
        }
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new UserError("application jar " + jar + " is not a readable file");
        }
        try (JarFile jf = new JarFile(jar.toFile())) {
            if (jf.getEntry(mainClass.replace('.', '/') + ".class") == null) {
                throw new UserError("class " + mainClass + " is not in " + jar);
            }
        } catch (ZipException e) {
            throw new UserError("application jar " + jar + " is not a jar file");
        } catch (IOException e) {
            throw new UserError("cannot read application jar " + jar + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code mainClass.main(args)} with the driver installed; returns what it threw, or null. */
    static Throwable run(Path jar, List<URL> extraJars, String mainClass, List<String> args, Driver driver) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        URL[] urls = new URL[extraJars.size() + 1];
        try {
            urls[0] = jar.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            return e;
        }
        for (int i = 0; i < extraJars.size(); i++) {
            urls[i + 1] = extraJars.get(i);
        }
        try (URLClassLoader loader = new URLClassLoader(urls, UserMain.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            DriverRuntime.install(driver);
            Class<?> cls = Class.forName(mainClass, true, loader);
            Method main = cls.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                return new NoSuchMethodException(mainClass + ".main(String[]) is not static");
            }
            main.invoke(null, (Object) args.toArray(new String[0]));
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (ReflectiveOperationException | LinkageError | IOException e) {
            return e;
        } finally {
            DriverRuntime.clear(driver);
            thread.setContextClassLoader(previous);
        }
    }

    static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
    }
}
