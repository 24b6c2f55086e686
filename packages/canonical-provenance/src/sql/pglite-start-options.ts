/** The part of `@electric-sql/pglite`'s `PGlite` class the start options are built from. */
export interface PgliteStartDefaults {
  /** The backend arguments PGlite starts with (`--single`, `-F`, `-c …`); absent in PGlite versions before 0.4. */
  readonly defaultStartParams?: readonly string[];
}

/** The options of `PGlite.create` this package adds to the caller's (only `startParams` for now). */
export interface PgliteStartOptions {
  readonly startParams?: string[];
}

/**
 * The embedded store's shared buffers. PGlite keeps PostgreSQL's default of 128 MB, which every start
 * allocates and zeroes inside the WASM heap: about 120 MB of RSS and most of the backend's start time
 * for a store that holds a few megabytes. 16 MB (2048 pages) still caches all of it.
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';

/**
 * How every embedded store is started — the directory store, the in-memory store and the template build
 * alike, so a template is made under the settings it is later opened with. PGlite replaces its default
 * start parameters by `startParams` when given, so ours are appended to its defaults (a later `-c`
 * wins); a PGlite without `defaultStartParams` is started as it comes.
 */
export function pgliteStartOptions(PGlite: PgliteStartDefaults): PgliteStartOptions {
  if (PGlite.defaultStartParams === undefined) return {};
  return { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`] };
}
