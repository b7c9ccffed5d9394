package dev.spindle;

import java.io.Serializable;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A value that may be absent: the side of an outer join that had no match. Not
 * {@code java.util.Optional} because that one is not serializable and join results travel between
 * processes (Spark's Java API has its own for the same reason).
 *
 * @param <T> the value type
 */
public final class Optional<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Optional<?> EMPTY = new Optional<>(null);

    private final T value;

    private Optional(T value) {
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    public static <T> Optional<T> empty() {
        return (Optional<T>) EMPTY;
    }

    /** @throws NullPointerException if {@code value} is null */
    public static <T> Optional<T> of(T value) {
        return new Optional<>(Objects.requireNonNull(value, "value"));
    }

    public static <T> Optional<T> ofNullable(T value) {
        return value == null ? empty() : new Optional<>(value);
    }

    public boolean isPresent() {
        return value != null;
    }

    public boolean isEmpty() {
        return value == null;
    }

    /** @throws NoSuchElementException if there is no value */
    public T get() {
        if (value == null) {
            throw new NoSuchElementException("no value present");
        }
        return value;
    }

    public T orElse(T other) {
        return value == null ? other : value;
    }

    public T orNull() {
        return value;
    }

    /** The same value as a {@code java.util.Optional}, for code that wants the JDK's. */
    public java.util.Optional<T> toJava() {
        return java.util.Optional.ofNullable(value);
    }

    /** Deserialized empties are the one empty instance. */
    private Object readResolve() {
        return value == null ? EMPTY : this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Optional<?> other && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return value == null ? "Optional.empty" : "Optional[" + value + "]";
    }
}
