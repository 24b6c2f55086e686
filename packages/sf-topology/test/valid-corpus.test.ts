import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';
import { VALID_MACHINES } from './corpus/valid-machines.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const errorsOf = (def: unknown) => validate(def).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.path}: ${d.message}`);

describe('no false errors on real-world-shaped machines AWS accepts', () => {
  it.each(VALID_MACHINES)('%s', (_label, def) => {
    expect(errorsOf(def)).toEqual([]);
  });
  it('the seed fixtures (JSONPath and JSONata)', () => {
    for (const name of ['saturday-pipeline.asl.json', 'jsonata-pipeline.asl.json']) expect(errorsOf(fixture(name))).toEqual([]);
  });
  it('the corpus covers every state type, both query languages and every intrinsic function', () => {
    const text = JSON.stringify(VALID_MACHINES);
    for (const type of ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']) expect(text).toContain(`"Type":"${type}"`);
    for (const needle of ['"QueryLanguage":"JSONata"', 'ItemReader', 'ItemBatcher', 'ResultWriter', '"Assign"', 'http:invoke', 'aws-sdk:', '.sync', '.waitForTaskToken', 'DISTRIBUTED']) {
      expect(text).toContain(needle);
    }
    for (const fn of ['Format', 'StringToJson', 'JsonToString', 'Array', 'ArrayPartition', 'ArrayContains', 'ArrayRange', 'ArrayGetItem', 'ArrayLength', 'ArrayUnique', 'Base64Encode', 'Base64Decode', 'Hash', 'JsonMerge', 'MathRandom', 'MathAdd', 'StringSplit', 'UUID']) {
      expect(text).toContain(`States.${fn}(`);
    }
  });
});
