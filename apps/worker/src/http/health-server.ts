import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReadinessReport {
  ready: boolean;
  /** Each check: ok, and why not. */
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface HealthEndpoints {
  /** /readyz: database reachable and migrated, not stopping. */
  readiness(): Promise<ReadinessReport>;
  /** /metrics: Prometheus text. */
  metrics(): Promise<string>;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** The health server cannot listen on --host/--port (address in use, not local, not resolvable): bad input. */
export class HealthServerListenError extends Error {
  override name = 'HealthServerListenError';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly code: string,
  ) {
    super(`cannot listen on ${host}:${port} (${code})`);
  }
}

const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `/healthz` (the process answers: 200), `/readyz` (200 or 503 with the failing checks as JSON),
 * `/metrics` (Prometheus text). GET and HEAD only.
 */
export async function startHealthServer(options: { host: string; port: number; endpoints: HealthEndpoints }): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, contentType: string, body: string) => {
      res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const json = (status: number, body: unknown) => send(status, 'application/json', `${JSON.stringify(body)}\n`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { error: 'method not allowed' });
    if (path === '/healthz') return json(200, { status: 'ok' });
    if (path === '/readyz') {
      options.endpoints.readiness().then(
        (report) => json(report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not_ready', checks: report.checks }),
        (error) => json(503, { status: 'not_ready', checks: { readiness: { ok: false, detail: String(error) } } }),
      );
      return;
    }
    if (path === '/metrics') {
      options.endpoints.metrics().then(
        (text) => send(200, PROMETHEUS_CONTENT_TYPE, text),
        (error) => send(500, 'text/plain', `metrics failed: ${String(error)}\n`),
      );
      return;
    }
    json(404, { error: 'not found', endpoints: ['/healthz', '/readyz', '/metrics'] });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new HealthServerListenError(options.host, options.port, error.code ?? error.message)));
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
