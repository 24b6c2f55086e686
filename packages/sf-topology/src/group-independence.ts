import type { ChainPlan } from './chain-plan.js';
import { type AccessPath, accessPathText, readsUnder, stateDataAccess } from './data-access.js';
import { asJsonRecord, type JsonRecord } from './json-record.js';
import { ParallelizeError } from './parallelize-error.js';
import type { ParallelizeWarning } from './parallelize-warning.js';
import { queryLanguageOf } from './state-types.js';
import type { TopologyGraph } from './topology-graph.js';

function accessOf(input: JsonRecord, plan: ChainPlan, name: string) {
  const state = asJsonRecord(asJsonRecord(input.States)?.[name]) ?? {};
  return stateDataAccess(state, plan.idOf(name), queryLanguageOf(state, input));
}

/** A write that flows on along the chain: not one made by a catcher that leaves the chain. */
function flowsInChain(plan: ChainPlan, write: AccessPath): boolean {
  return write.catchNext === undefined || plan.chainSet.has(write.catchNext);
}

/**
 * Refuse NOT_DATA_INDEPENDENT when a state in one group reads a path at or under a path that a state
 * of another group writes (ResultPath, its default `$`, JSONata Output, Assign, or a catcher's
 * ResultPath / Output / Assign whose target stays in the chain). Reading the whole state `$` never
 * counts. Pure.
 */
export function checkGroupIndependence(input: JsonRecord, plan: ChainPlan): void {
  const access = new Map(plan.chain.map((name) => [name, accessOf(input, plan, name)]));
  for (const g of plan.groups) {
    for (const h of plan.groups) {
      if (g === h) continue;
      for (const reader of plan.members.get(g)!) {
        for (const r of access.get(reader)!.reads) {
          for (const writer of plan.members.get(h)!) {
            const w = access.get(writer)!.writes.find((x) => flowsInChain(plan, x) && readsUnder(r.segments, x.segments));
            if (w) {
              throw new ParallelizeError(
                'NOT_DATA_INDEPENDENT',
                `group ${g} state ${reader} reads ${accessPathText(r.segments)} (${r.field}), which group ${h} state ${writer} writes (${w.text} at ${w.field}): the groups are not data-independent`,
              );
            }
          }
        }
      }
    }
  }
}

/**
 * Warnings for what the rewrite changes but may not refuse: (1) a state after the join (reachable
 * from the successor) that reads what a chain state writes — each branch works on a copy of the
 * Parallel's input and variables assigned in a branch stay in it, so after the join only the branch
 * statuses are in the state; (2) a transition that skipped a later group in the sequential order (in
 * the Parallel every group runs). Pure.
 */
export function rewriteWarnings(input: JsonRecord, graph: TopologyGraph, plan: ChainPlan): ParallelizeWarning[] {
  const warnings: ParallelizeWarning[] = [];
  if (plan.successor !== null) {
    // Only writes on the way to the successor matter (not those of a failure exit such as Extract*Error).
    const chainIds = new Set(plan.chain.map(plan.idOf));
    const onSuccessPath = graph.reaching([plan.idOf(plan.successor)], (id) => chainIds.has(id));
    const writes = plan.chain
      .filter((name) => onSuccessPath.has(plan.idOf(name)))
      .flatMap((name) =>
        accessOf(input, plan, name)
          .writes.filter((w) => w.catchNext === undefined)
          .map((w) => ({ name, w })),
      );
    const after = graph.reachFrom([plan.idOf(plan.successor)], (id) => graph.states.get(id)!.scope === '' && !plan.chainSet.has(plan.nameOf(id)));
    for (const id of after) {
      const name = plan.nameOf(id);
      for (const r of accessOf(input, plan, name).reads) {
        const hit = writes.find(({ w }) => readsUnder(r.segments, w.segments));
        if (!hit) continue;
        warnings.push({
          code: 'DOWNSTREAM_READS_CHAIN_WRITE',
          state: name,
          field: r.field,
          message: `${name} (after the join) reads ${accessPathText(r.segments)}, which chain state ${hit.name} writes (${hit.w.text}); after the rewrite only the branch statuses leave the Parallel, so it reads the value from before the chain (or nothing)`,
        });
        break;
      }
    }
  }
  for (const e of plan.rootEdges) {
    const from = plan.nameOf(e.from);
    const source = plan.groupOf.get(from);
    if (source === undefined) continue;
    const to = plan.nameOf(e.to);
    const targetOrder = plan.groupOf.has(to) ? plan.order.get(plan.groupOf.get(to)!)! : to === plan.successor ? Number.POSITIVE_INFINITY : null;
    if (targetOrder === null || e.kind === 'catch') continue;
    const skipped = plan.groups.filter((g) => plan.order.get(g)! > plan.order.get(source)! && plan.order.get(g)! < targetOrder && g !== plan.groupOf.get(to));
    if (skipped.length === 0) continue;
    warnings.push({
      code: 'GROUP_SKIP_LOST',
      state: from,
      field: e.field,
      message: `${from} (group ${source}) goes to ${to}, skipping group(s) ${skipped.join(', ')} in the sequential order; in the Parallel those groups run regardless`,
    });
  }
  return warnings;
}
