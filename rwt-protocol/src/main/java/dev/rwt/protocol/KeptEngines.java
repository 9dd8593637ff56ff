package dev.rwt.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The JCE engines kept with one epoch key (the AES-GCM ciphers of {@link GcmEngines}): a few idle
 * engines reused from frame to frame, and all of them erased (re-keyed with a public all-zero
 * key) and dropped when the key is; an engine in use at that moment is erased when it comes
 * back.
 *
 * <p>Thread-safe: an engine serves one thread at a time; the idle ones are guarded by
 * {@code this}.
 */
abstract class KeptEngines<E> {
  /** More idle engines than threads that seal under one key at once would only hold memory. */
  private static final int MAX_IDLE = 4;

  /** Null until an engine first comes back: most keys of a MAC-only session never use an AES-GCM engine. */
  private ArrayDeque<E> idle; // guarded by this
  private boolean destroyed; // guarded by this

  /** A new engine for this key (keyed already, if keying it once is what it is kept for). */
  abstract E create();

  /** Re-keys {@code engine} with a public all-zero key; failures are ignored, it is dropped anyway. */
  abstract void erase(E engine);

  /** An idle engine, or a new one. */
  final E take() {
    synchronized (this) {
      E engine = idle == null ? null : idle.poll();
      if (engine != null) {
        return engine;
      }
    }
    return create();
  }

  /** Gives {@code engine} back: kept while the key lives and few are idle, else erased. */
  final void release(E engine) {
    synchronized (this) {
      if (!destroyed && (idle == null || idle.size() < MAX_IDLE)) {
        if (idle == null) {
          idle = new ArrayDeque<>(MAX_IDLE);
        }
        idle.push(engine);
        return;
      }
    }
    erase(engine);
  }

  /** Erases and drops every engine; the ones in use are erased when they come back. */
  final void destroy() {
    List<E> engines;
    synchronized (this) {
      destroyed = true;
      engines = idleEngines();
      idle = null;
    }
    engines.forEach(this::erase);
  }

  /** The idle engines (a copy of the list), for tests of what they hold. */
  final synchronized List<E> idleEngines() {
    return idle == null ? new ArrayList<>() : new ArrayList<>(idle);
  }
}
