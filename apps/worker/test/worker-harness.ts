import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKER_BIN = fileURLToPath(new URL('../bin/repro-worker.js', import.meta.url));
export const TRAIN_CELL = fileURLToPath(new URL('./fixtures/train-cell.cjs', import.meta.url));

/** Short heartbeats (pg-boss 12's floor is 10 s) and polling so the multi-process tests stay fast. */
export const FAST_QUEUE = { lease_s: 10, poll_interval_ms: 100, maintenance_interval_s: 1, retry_delay_s: 1, retry_limit: 3 };

export interface WorkerHarnessEnv {
  databaseUrl: string;
  queueSchema: string;
  storeSchema: string;
}

/** A folder with a worker.json (profiles running the Node training cell) and a file store. */
export function writeWorkerConfig(profiles: Record<string, unknown>, extra: Record<string, unknown> = {}): { dir: string; configPath: string; storeDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'repro-worker-test-'));
  const storeDir = join(dir, 'store');
  const configPath = join(dir, 'worker.json');
  writeFileSync(configPath, JSON.stringify({ profiles, store: `file://${storeDir}`, grace_s: 10, queue: FAST_QUEUE, ...extra }, null, 2));
  return { dir, configPath, storeDir };
}

export function trainProfile(args: string[] = [], extra: Record<string, unknown> = {}) {
  return { command: ['node', TRAIN_CELL, ...args], timeout_s: 60, ...extra };
}

export interface LogLine {
  event?: string;
  level?: string;
  [key: string]: unknown;
}

/** A real `repro-worker` process, its JSON log lines parsed as they arrive. */
export class WorkerProcess {
  readonly lines: LogLine[] = [];
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #waiters: { test: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];

  constructor(readonly child: ChildProcess) {
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.stdout += text;
      partial += text;
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) {
        if (part.trim() === '') continue;
        let line: LogLine;
        try {
          line = JSON.parse(part) as LogLine;
        } catch {
          line = { event: 'unparsed', text: part };
        }
        this.lines.push(line);
        this.#waiters = this.#waiters.filter((w) => {
          if (!w.test(line)) return true;
          w.resolve(line);
          return false;
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The first log line (already seen or still to come) that passes `test`. */
  waitFor(test: (line: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> {
    const seen = this.lines.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${this.pid}: no matching log line within ${timeoutMs} ms\n${this.stdout.slice(-3000)}\n${this.stderr}`)), timeoutMs);
      this.#waiters.push({
        test,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  }

  waitForEvent(event: string, timeoutMs?: number): Promise<LogLine> {
    return this.waitFor((line) => line.event === event, timeoutMs);
  }

  async port(): Promise<number> {
    return Number((await this.waitForEvent('worker_started')).port);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

export function startWorker(env: WorkerHarnessEnv, configPath: string, args: string[] = [], extraEnv: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, [WORKER_BIN, '--config', configPath, '--port', '0', '--host', '127.0.0.1', ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: env.databaseUrl,
      REPRO_QUEUE_SCHEMA: env.queueSchema,
      REPRO_DB_SCHEMA: env.storeSchema,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new WorkerProcess(child);
}
