/** Listener of one event: receives the event's payload. */
export type Listener<T> = (event: T) => void;

/**
 * A small typed event emitter that works on every platform (no `node:events`). `on` returns
 * the function that removes the listener. A throwing listener does not stop the others, nor
 * the protocol work that emitted the event; its error is reported on `listenerError`.
 */
export class Emitter<Events extends object> {
  // Made on the first `on`: most emitters (one per connection) are never listened to.
  #listeners: Map<keyof Events, Set<Listener<never>>> | undefined;

  /** Calls `listener` for every `event` until the returned function is called. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    this.#listeners ??= new Map();
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** Calls `listener` for the next `event` only. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  /** True when someone listens to `event` (lets hot paths skip building payloads). */
  protected listens(event: keyof Events): boolean {
    return (this.#listeners?.get(event)?.size ?? 0) > 0;
  }

  /** Delivers `payload` to the listeners of `event`. */
  protected emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.#listeners?.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        if (event === 'listenerError') throw error;
        this.emit('listenerError' as K, { event, error } as Events[K]);
      }
    }
  }
}
