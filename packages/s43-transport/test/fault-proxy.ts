import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to one request instead of (or after) forwarding it; `pass` forwards untouched (to space faults out). */
export type Fault = 'pass' | 'slowdown' | 'internal' | 'drop' | 'drop_after_forward';

export interface FaultRule {
  /** Which requests this rule applies to (default: all). */
  match?: (req: { method: string; path: string }) => boolean;
  /** Faults injected on the next matching requests, in order; once used up, requests pass through. */
  faults: Fault[];
}

/** A request as the proxy received it (headers lower-cased, the body's length). */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  bodyBytes: number;
}

export interface FaultProxy {
  endpoint: string;
  /** Every request received, in order. */
  seen: SeenRequest[];
  /** Queue faults for the next matching requests. */
  inject(rule: FaultRule): void;
  /** Forget every queued fault. */
  reset(): void;
  /** Faults injected so far, by kind. */
  injected: Record<Fault, number>;
  close(): Promise<void>;
}

const errorXml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-proxy</RequestId></Error>`;

/**
 * A tiny loopback HTTP proxy in front of moto_server that injects 503 SlowDown, 500 InternalError and
 * dropped connections for a bounded number of requests. Bound to 127.0.0.1 on a free port.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: FaultRule[] = [];
  const injected: Record<Fault, number> = { pass: 0, slowdown: 0, internal: 0, drop: 0, drop_after_forward: 0 };
  const seen: SeenRequest[] = [];
  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse | null, after?: () => void) => {
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          if (res === null) return after?.();
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    out.on('error', () => res?.destroy());
    out.end(body);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const info = { method: req.method ?? 'GET', path: req.url ?? '/' };
      seen.push({ ...info, headers: { ...req.headers }, bodyBytes: body.length });
      const rule = rules.find((r) => r.faults.length > 0 && (r.match?.(info) ?? true));
      const fault = rule?.faults.shift();
      if (fault === undefined || fault === 'pass') return forward(req, body, res);
      injected[fault] += 1;
      if (fault === 'slowdown' || fault === 'internal') {
        const [status, code, message] = fault === 'slowdown' ? [503, 'SlowDown', 'Please reduce your request rate.'] : [500, 'InternalError', 'We encountered an internal error. Please try again.'];
        res.writeHead(status, { 'content-type': 'application/xml' });
        res.end(errorXml(code, message));
      } else if (fault === 'drop') {
        req.socket.destroy();
      } else {
        forward(req, body, null, () => req.socket.destroy());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    inject: (rule) => rules.push(rule),
    reset: () => {
      rules.length = 0;
    },
    injected,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
