import { checkId, ID_KINDS, InvalidIdentifierError, idProblem, MAX_ID_BYTES } from '@repro/use-cases/options';
import { describe, expect, it } from 'vitest';
import { parseJobPayload } from './job-payloads.js';
import { InvalidJobPayloadError } from './queue-errors.js';

const S3_KEY_LIMIT = 1024;
const FILE_NAME_LIMIT = 255;
const JOB_UUID = '123e4567-e89b-12d3-a456-426614174000';

/** Ids every kind refuses. */
const REFUSED_EVERYWHERE: [string, string][] = [
  ['../../x', 'parent segments'],
  ['/abs', 'absolute'],
  ['a/./b', 'dot segment'],
  ['   ', 'whitespace only'],
  ['', 'empty'],
  ['a\u0000b', 'NUL'],
  ['a\tb', 'C0 tab'],
  ['cell\u001b[2J\u001b[H', 'ANSI escape'],
  ['a\u007fb', 'DEL'],
  ['a\u0085b', 'C1 NEL'],
  ['a\u009bb', 'C1 CSI'],
  ['evil\u202etxt', 'bidi override'],
  [' lead', 'leading space'],
  ['x'.repeat(100_000), '100,000 characters'],
  ['x'.repeat(MAX_ID_BYTES + 1), 'one byte over the bound'],
  ['é'.repeat(MAX_ID_BYTES / 2 + 1), 'over the bound in UTF-8 bytes, not characters'],
];

describe('shared id rules', () => {
  it.each(ID_KINDS.flatMap((kind) => REFUSED_EVERYWHERE.map(([value, why]) => [kind, why, value] as const)))('%s refuses %s', (kind, _why, value) => {
    expect(idProblem(kind, value)).not.toBeNull();
    expect(() => checkId(kind, value)).toThrow(InvalidIdentifierError);
  });

  it('accepts the ids the system uses', () => {
    expect(idProblem('cell', 'defi_top5/fold-3')).toBeNull();
    expect(idProblem('cell', 'x'.repeat(MAX_ID_BYTES))).toBeNull();
    expect(idProblem('metric', 'f1_buy')).toBeNull();
    expect(idProblem('image_sha', 'sha256:0123abcd')).toBeNull();
    expect(idProblem('image_sha', 'ghcr.io/org/trainer@sha256:0123')).toBeNull();
    expect(idProblem('run_id', 'run-2024.06.01_a')).toBeNull();
    expect(idProblem('pod', 'pod-0')).toBeNull();
    expect(idProblem('profile', 'train')).toBeNull();
    expect(idProblem('run_id', 'a/b')).not.toBeNull();
    expect(idProblem('profile', '../etc')).not.toBeNull();
  });

  it('the bound keeps every derived key and file name within the store limits', () => {
    const longest = 'x'.repeat(MAX_ID_BYTES);
    const maxPrefix = 'p'.repeat(S3_KEY_LIMIT - `/verdicts/${longest}/${JOB_UUID}.json`.length);
    const key = `${maxPrefix}/verdicts/${longest}/${JOB_UUID}.json`;
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(S3_KEY_LIMIT);
    expect(maxPrefix.length).toBeGreaterThanOrEqual(772);
    // the longest file name: the fs-store temp file of the artefact, `.<name>.tmp-<pid>-<random>`
    expect(`.${JOB_UUID}.json.tmp-4194304-${'f'.repeat(16)}`.length).toBeLessThanOrEqual(FILE_NAME_LIMIT);
    expect(MAX_ID_BYTES).toBeLessThanOrEqual(FILE_NAME_LIMIT);
    expect(`s43-predictions/${'r'.repeat(128)}/${'p'.repeat(128)}.npz`.length).toBeLessThanOrEqual(S3_KEY_LIMIT);
  });

  it('the job payloads (what repro submit sends and the worker parses) apply them, naming the field', () => {
    const field = (queue: 'verdict' | 'gate', data: object) => {
      try {
        parseJobPayload(queue, data);
      } catch (error) {
        if (error instanceof InvalidJobPayloadError) return error.field;
      }
      return null;
    };
    expect(field('verdict', { cell: '../../x', metric: 'm', profile: 'p' })).toBe('cell');
    expect(field('verdict', { cell: 'x'.repeat(480), metric: 'm', profile: 'p' })).toBe('cell');
    expect(field('verdict', { cell: 'c', metric: 'm\u001b[31m', profile: 'p' })).toBe('metric');
    expect(field('verdict', { cell: 'c', metric: 'm', profile: 'p', image_sha: 'a//b' })).toBe('image_sha');
    expect(field('gate', { run_id: '/abs', expected: 1 })).toBe('run_id');
    expect(field('gate', { run_id: 'r', expected: 1, pods: ['ok', 'a/b'] })).toBe('pods.1');
    expect(field('verdict', { cell: 'defi_top5/fold-3', metric: 'm', profile: 'p' })).toBeNull();
  });
});
