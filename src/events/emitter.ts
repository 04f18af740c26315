/**
 * A typed event emitter: `on('change', h)` knows the payload type and returns
 * the function that unsubscribes. One subscriber that throws does not stop the
 * others (a host page's bug must not break consent handling).
 */
export type Handler<P> = (payload: P) => void;

export interface Emitter<Events extends object> {
  on<K extends keyof Events>(event: K, handler: Handler<Events[K]>): () => void;
  off<K extends keyof Events>(event: K, handler: Handler<Events[K]>): void;
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
}

export function createEmitter<Events extends object>(
  onHandlerError: (error: unknown) => void,
): Emitter<Events> {
  const handlers = new Map<keyof Events, Set<Handler<never>>>();
  const off: Emitter<Events>['off'] = (event, handler) => {
    handlers.get(event)?.delete(handler as Handler<never>);
  };
  return {
    on(event, handler) {
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(handler as Handler<never>);
      return () => off(event, handler);
    },
    off,
    emit(event, payload) {
      for (const handler of [...(handlers.get(event) ?? [])]) {
        try {
          (handler as Handler<Events[typeof event]>)(payload);
        } catch (error) {
          onHandlerError(error);
        }
      }
    },
  };
}
