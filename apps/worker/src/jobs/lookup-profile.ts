import type { ReplayProfile } from '../config/worker-config-schema.js';
import { PermanentJobError } from './permanent-job-error.js';

/** The profile a job names. Unknown: the job fails permanently, naming the profiles this worker has. */
export function lookupProfile(profiles: Readonly<Record<string, ReplayProfile>>, name: string): ReplayProfile {
  if (Object.hasOwn(profiles, name)) return profiles[name]!;
  const known = Object.keys(profiles).sort();
  throw new PermanentJobError('unknown_profile', `unknown profile ${JSON.stringify(name)}: this worker's config has ${known.map((k) => JSON.stringify(k)).join(', ')}`, 'profile');
}
