import { StoreUnavailableError } from '../store-errors.js';

/** The two database drivers this package can use; each is an optional peer dependency. */
export type OptionalDriver = 'pg' | '@electric-sql/pglite';

function isModuleNotFound(error: unknown, driver: OptionalDriver): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((error as Error).message).includes(driver);
}

/**
 * Loads an optional driver. Not installed → StoreUnavailableError naming the package to install, instead of
 * a module-resolution stack trace. Other load failures propagate unchanged.
 */
export async function loadOptionalDriver<Module>(driver: OptionalDriver, where: string, load: () => Promise<Module>): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    if (isModuleNotFound(error, driver)) {
      const purpose = driver === 'pg' ? 'a PostgreSQL store' : 'the embedded (PGlite) store';
      throw new StoreUnavailableError(where, `${purpose} needs the optional peer dependency "${driver}": install it (npm i ${driver})`, { cause: error });
    }
    throw error;
  }
}
