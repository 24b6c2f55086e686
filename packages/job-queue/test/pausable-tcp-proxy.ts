import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy to `target` that can stop answering: while paused, bytes in either direction are
 * held (not forwarded, not refused) and new connections are accepted but not connected upstream, like a
 * host that stopped answering. `resume()` forwards everything held. With no target it never answers at all.
 */
export class PausableTcpProxy {
  #paused = false;
  readonly #links = new Set<{ client: Socket; upstream: Socket | null; held: { to: 'up' | 'down'; data: Buffer }[] }>();

  private constructor(
    readonly server: Server,
    readonly port: number,
    readonly target: { host: string; port: number } | null,
  ) {}

  static async start(target: { host: string; port: number } | null): Promise<PausableTcpProxy> {
    let proxy: PausableTcpProxy | null = null;
    const server = createServer((client) => proxy!.#accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    proxy = new PausableTcpProxy(server, typeof address === 'object' && address !== null ? address.port : 0, target);
    return proxy;
  }

  #accept(client: Socket): void {
    const link = { client, upstream: null as Socket | null, held: [] as { to: 'up' | 'down'; data: Buffer }[] };
    this.#links.add(link);
    client.on('error', () => undefined);
    client.on('close', () => {
      link.upstream?.destroy();
      this.#links.delete(link);
    });
    client.on('data', (data) => this.#forward(link, 'up', data));
    if (!this.#paused) this.#connectUpstream(link);
  }

  #connectUpstream(link: { client: Socket; upstream: Socket | null; held: { to: 'up' | 'down'; data: Buffer }[] }): void {
    if (this.target === null || link.upstream !== null) return;
    const upstream = connect(this.target.port, this.target.host);
    link.upstream = upstream;
    upstream.on('error', () => link.client.destroy());
    upstream.on('close', () => link.client.destroy());
    upstream.on('data', (data) => this.#forward(link, 'down', data));
  }

  #forward(link: { client: Socket; upstream: Socket | null; held: { to: 'up' | 'down'; data: Buffer }[] }, to: 'up' | 'down', data: Buffer): void {
    if (this.#paused || (to === 'up' && link.upstream === null)) {
      link.held.push({ to, data });
      return;
    }
    (to === 'up' ? link.upstream! : link.client).write(data);
  }

  get paused(): boolean {
    return this.#paused;
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    for (const link of this.#links) {
      this.#connectUpstream(link);
      if (link.upstream === null) continue;
      for (const { to, data } of link.held.splice(0)) (to === 'up' ? link.upstream : link.client).write(data);
    }
  }

  /** postgres://… through this proxy (same user and database as `url`). */
  rewrite(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  async close(): Promise<void> {
    for (const link of this.#links) {
      link.client.destroy();
      link.upstream?.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
