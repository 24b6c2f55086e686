import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_MARK = '.tmp-';

/** Is a directory entry one of the temp files `writeTempFile` makes (`.<name>.tmp-<pid>-<random>`)? */
export const isTempFileName = (name: string): boolean => name.startsWith('.') && name.includes(TEMP_MARK);

/**
 * Write a temp file beside `target` (same directory, so renaming it into place is atomic), fsync and close
 * it, and return its path. On any failure the temp file is removed and the error rethrown.
 */
export async function writeTempFile(target: string, fill: (handle: FileHandle) => Promise<void>): Promise<string> {
  const temp = join(dirname(target), `.${basename(target)}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx');
  try {
    await fill(handle);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temp;
}

/** Write `target` atomically: a reader sees the previous file (or none) or the complete new one, never part of it. */
export async function writeFileAtomically(target: string, fill: (handle: FileHandle) => Promise<void>): Promise<void> {
  const temp = await writeTempFile(target, fill);
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
