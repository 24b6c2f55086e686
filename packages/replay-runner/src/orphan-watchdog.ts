import { spawn } from 'node:child_process';

/**
 * The watchdog's program (POSIX sh, run as `sh -c SCRIPT watchdog PARENT PGID DIR`): while the runner's
 * process is alive it sleeps; once the runner is gone (kill -9, OOM kill, crash) it sends the replay's
 * process group SIGTERM, SIGKILL after the grace, and removes the replay's temp folder. It watches the
 * runner by pid and, on Linux, by its `/proc/<pid>/stat` state and start time, so neither a zombie nor a
 * recycled pid is taken for the live runner. Polls twice a second (one `sleep` per poll).
 */
const WATCHDOG_SCRIPT = `
parent="$1"; pgid="$2"; dir="$3"; grace="$4"; born=""
alive() {
  if [ ! -r "/proc/$parent/stat" ]; then kill -0 "$parent" 2>/dev/null; return; fi
  read -r line < "/proc/$parent/stat" || return 1
  set -f; set -- \${line##*) }; set +f
  case "$1" in Z|X) return 1 ;; esac
  shift 19
  [ -n "$born" ] || born="$1"
  [ "$1" = "$born" ]
}
while alive; do sleep 0.5; done
kill -TERM -"$pgid" 2>/dev/null
i=0
while [ "$i" -lt "$grace" ] && kill -0 -"$pgid" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
kill -KILL -"$pgid" 2>/dev/null
if [ -n "$dir" ]; then rm -rf -- "$dir"; fi
`;

export interface OrphanWatchdog {
  /** The replay ended under the runner's control: the watchdog (and its sleep) goes away. */
  stop(): void;
}

/**
 * Replays die with their runner: a tiny detached `sh` (its own process group, no stdio, not waited for)
 * watches this process; if it disappears while the replay group `pgid` runs, the watchdog kills that group
 * (SIGTERM, SIGKILL after `graceMs`) and removes `cleanupDir`. Without a usable `sh` (non-POSIX platform)
 * this is a no-op: the runner's own timeout and abort handling still apply while it lives.
 */
export function startOrphanWatchdog(options: { pgid: number; graceMs: number; cleanupDir?: string }): OrphanWatchdog {
  if (process.platform === 'win32') return { stop: () => undefined };
  const graceTicks = String(Math.max(1, Math.ceil(options.graceMs / 100)));
  let pid: number | undefined;
  try {
    const watchdog = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'repro-replay-watchdog', String(process.pid), String(options.pgid), options.cleanupDir ?? '', graceTicks], {
      detached: true,
      stdio: 'ignore',
      env: { PATH: '/usr/bin:/bin' },
    });
    watchdog.on('error', () => undefined);
    watchdog.unref();
    pid = watchdog.pid;
  } catch {
    return { stop: () => undefined };
  }
  return {
    stop: () => {
      if (pid === undefined) return;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      pid = undefined;
    },
  };
}
