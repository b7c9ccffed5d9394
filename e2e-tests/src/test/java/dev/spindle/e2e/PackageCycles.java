package dev.spindle.e2e;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Strongly connected components of the package graph (Tarjan's algorithm), which ArchUnit's slices do
 * not give for the root package {@code dev.spindle} itself. Each cycle is reported with its packages
 * and, for each step of one path round it, a dependency that makes the step.
 */
final class PackageCycles {
    private final Map<String, Map<String, Dependency>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<Set<String>> components = new ArrayList<>();

    private PackageCycles(Map<String, Map<String, Dependency>> edges) {
        this.edges = edges;
    }

    static List<String> find(JavaClasses classes, String root) {
        Map<String, Map<String, Dependency>> edges = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = c.getPackageName();
            if (!inside(from, root)) {
                continue;
            }
            Map<String, Dependency> out = edges.computeIfAbsent(from, p -> new TreeMap<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = d.getTargetClass().getBaseComponentType().getPackageName();
                if (!to.equals(from) && inside(to, root) && classes.contain(d.getTargetClass().getBaseComponentType().getName())) {
                    out.putIfAbsent(to, d);
                }
            }
        }
        PackageCycles tarjan = new PackageCycles(edges);
        for (String p : edges.keySet()) {
            if (!tarjan.index.containsKey(p)) {
                tarjan.connect(p);
            }
        }
        List<String> report = new ArrayList<>();
        for (Set<String> component : tarjan.components) {
            if (component.size() > 1) {
                report.add(tarjan.describe(component));
            }
        }
        return report;
    }

    private static boolean inside(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    private void connect(String p) {
        index.put(p, index.size());
        low.put(p, index.get(p));
        stack.push(p);
        onStack.add(p);
        for (String q : edges.getOrDefault(p, Map.of()).keySet()) {
            if (!index.containsKey(q)) {
                connect(q);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (onStack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            Set<String> component = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                onStack.remove(q);
                component.add(q);
            } while (!q.equals(p));
            components.add(component);
        }
    }

    /** The component's packages, then the shortest way from its first package back to itself. */
    private String describe(Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> cameFrom = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        String last = null;
        while (!todo.isEmpty() && last == null) {
            String p = todo.poll();
            for (String q : edges.getOrDefault(p, Map.of()).keySet()) {
                if (q.equals(start)) {
                    last = p;
                    break;
                }
                if (component.contains(q) && !cameFrom.containsKey(q)) {
                    cameFrom.put(q, p);
                    todo.add(q);
                }
            }
        }
        List<String> path = new ArrayList<>(List.of(start));
        for (String p = last; !p.equals(start); p = cameFrom.get(p)) {
            path.add(1, p);
        }
        path.add(start);
        StringBuilder out = new StringBuilder("  cycle between " + String.join(", ", component) + ":");
        for (int i = 0; i + 1 < path.size(); i++) {
            Dependency d = edges.get(path.get(i)).get(path.get(i + 1));
            out.append("\n    ").append(path.get(i)).append(" -> ").append(path.get(i + 1)).append(": ")
                    .append(d.getDescription());
        }
        return out.toString();
    }
}
