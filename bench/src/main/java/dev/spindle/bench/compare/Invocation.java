package dev.spindle.bench.compare;

import java.util.List;
import java.util.Map;

/** One command line to run as a process, with the environment it adds. */
public record Invocation(List<String> command, Map<String, String> env) {
    public Invocation {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an invocation needs a command");
        }
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }
}
