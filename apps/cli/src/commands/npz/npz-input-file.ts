import { open } from 'node:fs/promises';
import { type DecodeNpzOptions, forEachNpzFileMember, isNpyBytes, type NpzMember, readNpyFile, type SkippedNpzMember } from '@repro/s43-transport';

/** Does the file start with the `.npy` magic (a bare `np.save` file) rather than a zip? */
async function isBareNpy(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(6);
    const { bytesRead } = await handle.read(head, 0, 6, 0);
    return isNpyBytes(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** The key a bare `.npy` array gets: `arr_0`, as `np.savez(f, a)` names a positional array. */
export const BARE_NPY_NAME = 'arr_0';

/**
 * Visit the arrays of an input file, one at a time: every `.npy` member of a `.npz`, or the one array of a
 * bare `.npy` (named `arr_0`). Returns the zip members skipped by design (none for a bare `.npy`).
 */
export async function forEachInputArray(
  path: string,
  visit: (member: NpzMember) => Promise<void> | void,
  options: DecodeNpzOptions,
): Promise<{ kind: 'npz' | 'npy'; skipped: SkippedNpzMember[] }> {
  if (await isBareNpy(path)) {
    const npy = await readNpyFile(path, { maxBytes: Math.min(options.maxMemberBytes ?? Number.MAX_SAFE_INTEGER, options.maxTotalBytes ?? Number.MAX_SAFE_INTEGER) });
    await visit({ name: BARE_NPY_NAME, ...npy });
    return { kind: 'npy', skipped: [] };
  }
  const { skipped } = await forEachNpzFileMember(path, visit, options);
  return { kind: 'npz', skipped };
}
