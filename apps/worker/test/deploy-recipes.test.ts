import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseWorkerConfig } from '../src/config/load-worker-config.js';
import { parseWorkerSettings } from '../src/config/worker-settings.js';

// The deployment recipes in deploy/ are parsed and checked: the stop timeouts exceed grace_s plus the
// replay kill grace, the probes name /healthz and /readyz, nothing runs as root, and the command each
// recipe runs is the installed bin with flags the worker accepts (no npm/pnpm in between).
const deploy = (file: string) => readFileSync(new URL(`../deploy/${file}`, import.meta.url), 'utf8');
const REPLAY_KILL_GRACE_S = 5;
const INSTALLED_BIN = /\/node_modules\/@repro\/worker\/bin\/repro-worker\.js$/;
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string> };
const config = parseWorkerConfig(JSON.parse(deploy('worker.json')), 'deploy/worker.json', '/srv/repro');
interface KubeContainer {
  args: string[];
  ports: { name: string; containerPort: number }[];
  livenessProbe: { httpGet: unknown };
  readinessProbe: { httpGet: unknown };
  env: { name: string; valueFrom?: { secretKeyRef?: unknown } }[];
}
interface KubeDocument {
  kind: string;
  metadata: { name: string };
  data: Record<string, string>;
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
      spec: { terminationGracePeriodSeconds: number; securityContext: { runAsNonRoot: boolean; runAsUser: number }; containers: KubeContainer[] };
    };
  };
}
const settings = (args: string[]) => parseWorkerSettings(args, { DATABASE_URL: 'postgres://repro@db:5432/repro' })!;

describe('deploy/ recipes', () => {
  it('worker.json is a valid worker config; the bin the recipes run is the package’s bin', () => {
    expect(config.grace_s).toBe(30);
    expect(manifest.bin['repro-worker']).toBe('./bin/repro-worker.js');
  });

  it('Kubernetes: a verdict/gate deployment and a separate envelope one, probes on /healthz and /readyz, terminationGracePeriodSeconds > grace_s', () => {
    const documents = parseAllDocuments(deploy('kubernetes.yaml')).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS() as KubeDocument;
    });
    const configMap = documents.find((d) => d.kind === 'ConfigMap')!;
    const embedded = parseWorkerConfig(JSON.parse(configMap.data['worker.json']!), 'ConfigMap worker.json', '/srv/repro');
    expect(embedded).toEqual(config);
    const deployments = documents.filter((d) => d.kind === 'Deployment');
    expect(deployments.map((d) => d.metadata.name)).toEqual(['repro-worker', 'repro-worker-envelope']);
    const queuesOf: Record<string, string[]> = {};
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      expect(d.spec.selector.matchLabels).toEqual(d.spec.template.metadata.labels);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(embedded.grace_s + REPLAY_KILL_GRACE_S);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      const container = pod.containers[0]!;
      const flags = settings(container.args);
      const port = container.ports.find((p) => p.name === 'http')!;
      expect(port.containerPort).toBe(flags.port);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container.env.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef).toBeDefined();
      expect(d.spec.template.metadata.annotations['prometheus.io/path']).toBe('/metrics');
      queuesOf[d.metadata.name] = flags.queues;
      if (flags.queues.includes('envelope')) expect(flags.concurrency).toBe(1);
    }
    expect(queuesOf).toEqual({ 'repro-worker': ['verdict', 'gate'], 'repro-worker-envelope': ['envelope'] });
  });

  it('Dockerfile: multi-stage, non-root, tini as PID 1 exec-ing node on the installed bin', () => {
    const lines = deploy('Dockerfile')
      .replace(/\\\n/g, ' ')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    const instruction = (name: string) => lines.filter((l) => l.startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim());
    const stages = instruction('FROM');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.every((s) => / AS [a-z]+$/.test(s))).toBe(true);
    expect(instruction('COPY').some((c) => c.startsWith('--from=install '))).toBe(true);
    const runtime = lines.slice(lines.findIndex((l) => l === stages.at(-1) || l === `FROM ${stages.at(-1)}`));
    const user = runtime.filter((l) => l.startsWith('USER ')).at(-1)?.slice(5).trim();
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    const entrypoint = JSON.parse(instruction('ENTRYPOINT').at(-1)!) as string[];
    expect(entrypoint.slice(0, 3)).toEqual(['/usr/bin/tini', '--', 'node']);
    expect(entrypoint[3]).toMatch(INSTALLED_BIN);
    expect(entrypoint.join(' ')).not.toMatch(/\b(npm|pnpm|npx|sh)\b/);
    const flags = settings(JSON.parse(instruction('CMD').at(-1)!) as string[]);
    expect(instruction('EXPOSE')).toEqual([String(flags.port)]);
    expect(instruction('HEALTHCHECK').join(' ')).toContain('/healthz');
  });

  it('systemd: node on the installed bin, SIGTERM to the worker only (KillMode=mixed), TimeoutStopSec > grace_s, not root', () => {
    const sections: Record<string, Record<string, string>> = {};
    let section = '';
    for (const raw of deploy('repro-worker.service').split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const header = /^\[(\w+)\]$/.exec(line);
      if (header) {
        section = header[1]!;
        sections[section] = {};
      } else {
        const eq = line.indexOf('=');
        sections[section]![line.slice(0, eq)] = line.slice(eq + 1);
      }
    }
    const service = sections.Service!;
    const [program, script, ...args] = service.ExecStart!.split(/\s+/);
    expect(program).toBe('/usr/bin/node');
    expect(script).toMatch(INSTALLED_BIN);
    expect(settings(args).port).toBe(8080);
    expect(service.KillSignal).toBe('SIGTERM');
    expect(service.KillMode).toBe('mixed');
    expect(Number(service.TimeoutStopSec)).toBeGreaterThan(config.grace_s + REPLAY_KILL_GRACE_S);
    expect(service.User).toBeDefined();
    expect(service.User).not.toBe('root');
    expect(sections.Install!.WantedBy).toBe('multi-user.target');
  });
});
