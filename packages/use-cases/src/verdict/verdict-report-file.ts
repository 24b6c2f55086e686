import { createHash } from 'node:crypto';
import type { CanonicalStore } from '@repro/canonical-provenance';
import { ObjectExistsError, type ObjectStore } from '@repro/s43-transport';
import type { Verdict } from '@repro/verdict-core';
import { renderVerdictReport } from '@repro/verdict-report';
import type { Redactor } from '../redactor-port.js';
import { ArtefactConflictError } from '../use-case-errors.js';

/** The HTML report's key: beside the verdict artefact, `.html` for `.json`. */
export function verdictReportKey(artefactKey: string): string {
  return artefactKey.replace(/\.json$/, '') + '.html';
}

/**
 * Renders the verdict as one self-contained HTML page (@repro/verdict-report, with the envelope samples of
 * the verdict's image when the store has them) and writes it beside the artefact, create-only like the
 * artefact: the same page already there (a retried job) is success; another page under that key throws
 * ArtefactConflictError. The verdict and the envelope pass through `redactor` before they are rendered.
 */
export async function writeVerdictReport(
  objectStore: ObjectStore,
  artefactKey: string,
  verdict: Verdict,
  store: Pick<CanonicalStore, 'getEpsProd'>,
  redactor: Redactor,
): Promise<{ key: string; uri: string; created: boolean }> {
  const envelope = verdict.eps_prod_image_sha === null ? null : await store.getEpsProd(verdict.eps_prod_image_sha, verdict.cell, verdict.metric);
  const html = renderVerdictReport(redactor.redact(verdict), envelope?.present ? { envelope: redactor.redact(envelope) } : {});
  const key = verdictReportKey(artefactKey);
  const body = Buffer.from(html, 'utf8');
  try {
    await objectStore.put(key, body, { createOnly: true });
    return { key, uri: objectStore.uriFor(key), created: true };
  } catch (error) {
    if (!(error instanceof ObjectExistsError)) throw error;
    const stored = await objectStore.get(key);
    if (stored.sha256 !== createHash('sha256').update(body).digest('hex')) throw new ArtefactConflictError(key, objectStore.uriFor(key));
    return { key, uri: objectStore.uriFor(key), created: false };
  }
}
