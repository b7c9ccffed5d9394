package dev.spindle.am;

import java.util.Objects;

/**
 * Where an executor ask may be met: on one host, on one rack, or anywhere. The allocator widens an
 * unmet ask one level at a time (host, then its rack, then anywhere).
 */
public record AskLocation(Level level, String name) implements Comparable<AskLocation> {
    public enum Level { HOST, RACK, ANY }

    public static final AskLocation ANYWHERE = new AskLocation(Level.ANY, null);

    public AskLocation {
        Objects.requireNonNull(level, "level");
        if ((level == Level.ANY) != (name == null)) {
            throw new IllegalArgumentException("a " + level + " ask " + (name == null ? "needs" : "takes no") + " name");
        }
    }

    public static AskLocation host(String host) {
        return new AskLocation(Level.HOST, host);
    }

    public static AskLocation rack(String rack) {
        return new AskLocation(Level.RACK, rack);
    }

    /** Hosts first, then racks, then anywhere; by name within a level. */
    @Override
    public int compareTo(AskLocation o) {
        int c = level.compareTo(o.level);
        return c != 0 ? c : level == Level.ANY ? 0 : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return level == Level.ANY ? "anywhere" : level.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}
