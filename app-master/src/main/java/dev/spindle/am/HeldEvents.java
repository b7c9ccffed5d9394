package dev.spindle.am;

import dev.spindle.runtime.EventLoop;

import java.util.ArrayList;
import java.util.List;

/**
 * Events that must not reach the ApplicationMaster's loop before it has registered with the
 * ResourceManager (a driver that reports the end then would make it unregister first): held in the
 * order they come until {@link #release}, then posted straight to the loop.
 *
 * <p>Thread-safe: callbacks of the driver link post from their own threads; {@link #release} runs once,
 * on the thread that registered.
 */
final class HeldEvents {
    private final EventLoop loop;
    /** Null once released. Under this. */
    private List<Runnable> held = new ArrayList<>();

    HeldEvents(EventLoop loop) {
        this.loop = loop;
    }

    /** Posts {@code event} to the loop, or holds it until {@link #release}. */
    void post(Runnable event) {
        synchronized (this) {
            if (held != null) {
                held.add(event);
                return;
            }
        }
        loop.post(event);
    }

    /** Posts what was held, in order; from now on events go straight to the loop. */
    void release() {
        List<Runnable> release;
        synchronized (this) {
            release = held;
            held = null;
        }
        if (release != null) {
            release.forEach(loop::post);
        }
    }
}
