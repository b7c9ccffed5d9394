package dev.spindle.submit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the user asked spindle-submit for, as parsed from the command line; configuration is not
 * resolved yet.
 *
 * @param action         what to do
 * @param master         {@code yarn}, {@code embedded} or {@code embedded:N}
 * @param flagSettings   settings given by dedicated flags such as {@code --executor-memory}
 * @param confSettings   settings given by {@code --conf key=value}
 * @param propertiesFile {@code --properties-file}, or null
 * @param applicationId  the id for {@code --status} / {@code --kill} / {@code --logs}, or null
 * @param containerId    the container of {@code --logs}, or null for all of them
 */
public record SubmitRequest(Action action, String master, String mainClass, Path appJar, List<String> appArgs,
                            Map<String, String> flagSettings, Map<String, String> confSettings, Path propertiesFile,
                            String applicationId, String containerId, boolean verbose) {
    public enum Action { SUBMIT, STATUS, KILL, LIST, LOGS, HELP, VERSION }

    public SubmitRequest {
        Objects.requireNonNull(action, "action");
        appArgs = List.copyOf(appArgs);
        flagSettings = Map.copyOf(flagSettings);
        confSettings = Map.copyOf(confSettings);
        if (action == Action.SUBMIT && (mainClass == null || appJar == null)) {
            throw new IllegalArgumentException("a submission needs a main class and an application jar");
        }
        if ((action == Action.STATUS || action == Action.KILL || action == Action.LOGS) && applicationId == null) {
            throw new IllegalArgumentException(action + " needs an application id");
        }
    }

    public boolean embedded() {
        return master.equals("embedded") || master.startsWith("embedded:");
    }

    /** Nodes of the embedded master: N of {@code embedded:N}, or null when the master does not say. */
    public Integer embeddedNodes() {
        return master.startsWith("embedded:") ? Integer.valueOf(master.substring("embedded:".length())) : null;
    }
}
