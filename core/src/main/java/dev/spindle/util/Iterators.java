package dev.spindle.util;

import dev.spindle.function.FilterFunction;
import dev.spindle.function.FlatMapFunction;
import dev.spindle.function.MapFunction;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Lazy iterators behind the narrow transformations; user exceptions pass through unchanged. */
public final class Iterators {
    private Iterators() {
    }

    public static <T, R> Iterator<R> map(Iterator<T> in, MapFunction<T, R> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public R next() {
                try {
                    return f.call(in.next());
                } catch (Exception e) {
                    throw Sneaky.rethrow(e);
                }
            }
        };
    }

    public static <T> Iterator<T> filter(Iterator<T> in, FilterFunction<T> f) {
        return new Iterator<>() {
            private T next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                try {
                    while (!ready && in.hasNext()) {
                        T candidate = in.next();
                        if (f.call(candidate)) {
                            next = candidate;
                            ready = true;
                        }
                    }
                } catch (Exception e) {
                    throw Sneaky.rethrow(e);
                }
                return ready;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                T out = next;
                next = null;
                return out;
            }
        };
    }

    public static <T, R> Iterator<R> flatMap(Iterator<T> in, FlatMapFunction<T, R> f) {
        return new Iterator<>() {
            private Iterator<R> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                try {
                    while (!current.hasNext() && in.hasNext()) {
                        Iterator<R> produced = f.call(in.next());
                        current = produced == null ? Collections.emptyIterator() : produced;
                    }
                } catch (Exception e) {
                    throw Sneaky.rethrow(e);
                }
                return current.hasNext();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
