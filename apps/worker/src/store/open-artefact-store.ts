import { InvalidS3SettingError, InvalidStoreUriError, type OpenedStore, openStore } from '@repro/s43-transport';
import { WorkerConfigError } from '../config/worker-config-error.js';

/**
 * The object store for verdict artefacts and s43 cohorts: $REPRO_STORE, else the config's `store`
 * (relative file:// paths resolve against the config file's folder). Opening does no I/O.
 */
export function openArtefactStore(options: {
  envUri: string | undefined;
  configUri: string | undefined;
  configPath: string;
  configDir: string;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}): OpenedStore {
  const fromEnv = options.envUri !== undefined;
  const uri = options.envUri ?? options.configUri;
  if (uri === undefined) throw new WorkerConfigError(options.configPath, 'store', 'no object store: set "store" (file://DIR or s3://BUCKET/PREFIX) or REPRO_STORE');
  try {
    return openStore(uri, { env: options.env, cwd: fromEnv ? options.cwd : options.configDir });
  } catch (error) {
    if (error instanceof InvalidStoreUriError) throw new WorkerConfigError(fromEnv ? 'REPRO_STORE' : options.configPath, fromEnv ? null : 'store', error.message);
    if (error instanceof InvalidS3SettingError) throw new WorkerConfigError(error.variable, null, error.message.slice(error.variable.length + 1));
    throw error;
  }
}
