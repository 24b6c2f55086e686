import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port.js';
import { serviceMissing } from './service-policy.js';

export interface MotoServer {
  /** e.g. http://127.0.0.1:41234 */
  endpoint: string;
  port: number;
  /** Enable ASL execution (moto executes state machines only when told to). */
  enableStepFunctionsExecution(): Promise<void>;
  /** POST /moto-api/reset: wipe every backend. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

async function waitUntilUp(endpoint: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const started = Date.now();
  let lastError: unknown = new Error('no attempt made');
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { method: 'GET' });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`moto_server did not answer within ${deadlineMs} ms: ${String(lastError)}`);
}

/**
 * Start a real moto_server on a free loopback port. Returns null (skip) locally when moto_server is
 * missing; throws in CI. Bound to 127.0.0.1 only.
 */
export async function startMotoServer(): Promise<MotoServer | null> {
  const command = process.env.REPRO_MOTO_SERVER ?? 'moto_server';
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  try {
    child = spawn(command, ['-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
    });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    });
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
    await Promise.race([waitUntilUp(endpoint, child, 30_000), spawnError]).catch((error) => {
      child.kill('SIGKILL');
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderrTail}`);
    });
  } catch (error) {
    return serviceMissing('moto_server', 'pip install "moto[server]" (python3), or set REPRO_MOTO_SERVER', error);
  }
  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`moto ${path} answered ${res.status}`);
  };
  return {
    endpoint,
    port,
    enableStepFunctionsExecution: () => post('/moto-api/config', { stepfunctions: { execute_state_machine: true } }),
    reset: () => post('/moto-api/reset'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
