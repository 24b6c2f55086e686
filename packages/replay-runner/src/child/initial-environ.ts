import { readFileSync } from 'node:fs';

/**
 * The environment this process was started with: /proc/self/environ on Linux (immune to later
 * `process.env` edits), else a copy of `process.env` taken when this module loaded.
 */
const loadedEnv: Record<string, string | undefined> = { ...process.env };

export function initialEnviron(): Record<string, string | undefined> {
  try {
    const raw = readFileSync('/proc/self/environ', 'utf8');
    const env: Record<string, string> = {};
    for (const entry of raw.split('\0')) {
      const eq = entry.indexOf('=');
      if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    return env;
  } catch {
    return { ...loadedEnv };
  }
}
