import type { ObjectStore } from '@repro/s43-transport';
import { raceAbort } from '../runtime/settle-within.js';

/**
 * The canonical store as a job sees it: every call ends when the job's signal fires (the canonical store's
 * API takes no signal, so the call is raced; its own statement and query deadlines end it on the server).
 */
export function canonicalStoreForJob<T extends object>(store: T, signal: AbortSignal): T {
  return new Proxy(store, {
    get(target, property) {
      // read on the store itself (not the proxy), so getters and #private fields work
      const value = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        signal.throwIfAborted();
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? raceAbort(result, signal) : result;
      };
    },
  });
}

function withSignal<O extends { signal?: AbortSignal }>(options: O | undefined, signal: AbortSignal): O & { signal: AbortSignal } {
  const own = options?.signal;
  return { ...(options ?? ({} as O)), signal: own === undefined ? signal : AbortSignal.any([own, signal]) };
}

/** The object store as a job sees it: the job's signal reaches every call (s43-transport stores take `{ signal }`). */
export function objectStoreForJob(store: ObjectStore, signal: AbortSignal): ObjectStore {
  return {
    baseUri: store.baseUri,
    uriFor: (key) => store.uriFor(key),
    put: (key, body, options) => store.put(key, body, withSignal(options, signal)),
    get: (key, options) => store.get(key, withSignal(options, signal)),
    head: (key, options) => store.head(key, withSignal(options, signal)),
    list: (prefix, options) => store.list(prefix, withSignal(options, signal)),
    delete: (key, options) => store.delete(key, withSignal(options, signal)),
  };
}
