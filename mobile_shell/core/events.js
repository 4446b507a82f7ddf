/**
 * The app-wide event bus. Modules announce what changed ("session:changed", "outbox:changed",
 * "live:event", ...) instead of importing each other, so a new screen can listen without
 * the announcing module knowing it exists.
 */

const bus = new EventTarget();

export function emit(name, detail) {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}

/** Subscribes; returns the function that unsubscribes (screens call it when unmounted). */
export function on(name, handler) {
  const listener = (event) => handler(event.detail);
  bus.addEventListener(name, listener);
  return () => bus.removeEventListener(name, listener);
}
