import { definitionDepthProblem } from './definition-depth.js';
import { asJsonRecord } from './json-record.js';
import type { Scope } from './state-scopes.js';
import { buildGraph, type Edge } from './topology-graph.js';

function label(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function shape(id: string, name: string, type: unknown): string {
  const text = `${label(name)}${typeof type === 'string' ? `<br/><i>${label(type)}</i>` : ''}`;
  switch (type) {
    case 'Choice':
      return `${id}{"${text}"}`;
    case 'Succeed':
    case 'Fail':
      return `${id}(["${text}"])`;
    case 'Parallel':
    case 'Map':
      return `${id}[["${text}"]]`;
    case 'Wait':
      return `${id}[/"${text}"/]`;
    default:
      return `${id}["${text}"]`;
  }
}

function edgeLine(from: string, to: string, edge: Edge): string {
  switch (edge.kind) {
    case 'catch':
      return `${from} -.->|catch ${edge.index}| ${to}`;
    case 'choice':
      return `${from} -->|rule ${edge.index}| ${to}`;
    case 'default':
      return `${from} -->|default| ${to}`;
    default:
      return `${from} --> ${to}`;
  }
}

/**
 * Mermaid flowchart of a definition: one node per state (shape by type), typed edges (catch edges
 * dashed), and a subgraph per Parallel branch and Map processor, entered from its owner. Pure.
 */
export function renderMermaid(definition: unknown): string {
  const tooDeep = definitionDepthProblem(definition);
  if (tooDeep !== null) throw new RangeError(tooDeep);
  const root = asJsonRecord(definition) ?? {};
  const graph = buildGraph(root);
  const ids = new Map<string, string>();
  let n = 0;
  for (const id of graph.states.keys()) ids.set(id, `s${n++}`);
  const scopeIds = new Map<string, string>();
  graph.scopes.forEach((s, i) => {
    scopeIds.set(s.pointer, `scope${i}`);
  });
  const lines: string[] = ['flowchart TD'];
  const children = new Map<string, Scope[]>();
  for (const scope of graph.scopes) {
    if (scope.owner) children.set(scope.owner.scope, [...(children.get(scope.owner.scope) ?? []), scope]);
  }
  const emitScope = (scope: Scope, indent: string) => {
    for (const name of Object.keys(scope.states)) {
      const node = graph.stateIn(scope.pointer, name)!;
      lines.push(`${indent}${shape(ids.get(node.id)!, name, node.type)}`);
    }
    for (const child of children.get(scope.pointer) ?? []) {
      const title = child.kind === 'branch' ? `${child.owner!.name} · branch ${String(child.slot)}` : `${child.owner!.name} · ${String(child.slot)}`;
      lines.push(`${indent}subgraph ${scopeIds.get(child.pointer)}["${label(title)}"]`);
      lines.push(`${indent}  direction TB`);
      emitScope(child, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };
  lines.push('  start((start))');
  emitScope(graph.scopes[0]!, '  ');
  const start = graph.startOf('');
  if (start) lines.push(`  start --> ${ids.get(start.id)}`);
  for (const scope of graph.scopes) {
    if (!scope.owner) continue;
    const first = graph.startOf(scope.pointer);
    if (first) lines.push(`  ${ids.get(scope.owner.pointer)} ==>|${scope.kind === 'branch' ? `branch ${String(scope.slot)}` : 'items'}| ${ids.get(first.id)}`);
  }
  for (const edge of graph.edges) lines.push(`  ${edgeLine(ids.get(edge.from)!, ids.get(edge.to)!, edge)}`);
  for (const t of graph.transitions) {
    if (t.resolution === 'edge' || t.from === null) continue;
    const missing = `missing${n++}`;
    lines.push(`  ${missing}>"${label(`${t.resolution}: ${t.target}`)}"]`);
    lines.push(`  ${ids.get(t.from)} -.->|${t.resolution}| ${missing}`);
  }
  lines.push('  classDef fail fill:#fdd,stroke:#c33');
  lines.push('  classDef succeed fill:#dfd,stroke:#3a3');
  const fails = [...graph.states.values()].filter((s) => s.type === 'Fail').map((s) => ids.get(s.id)!);
  const succeeds = [...graph.states.values()].filter((s) => s.type === 'Succeed').map((s) => ids.get(s.id)!);
  if (fails.length > 0) lines.push(`  class ${fails.join(',')} fail`);
  if (succeeds.length > 0) lines.push(`  class ${succeeds.join(',')} succeed`);
  return `${lines.join('\n')}\n`;
}
