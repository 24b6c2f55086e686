import { describe, expect, it } from 'vitest';
import { definitionDepthProblem, MAX_DEFINITION_DEPTH } from './definition-depth.js';
import { explainFailure } from './explain-failure.js';
import { lint } from './isolation-lint.js';
import { parallelize } from './parallelize.js';
import { parseDefinition } from './parse-definition.js';
import { renderMermaid } from './render-mermaid.js';
import { validate } from './validate.js';

/** `levels` Parallel states, each the only state of its parent's one branch (as text: too deep to stringify). */
function nestedParallels(levels: number): unknown {
  let machine = '{"StartAt":"Leaf","States":{"Leaf":{"Type":"Succeed"}}}';
  for (let i = 0; i < levels; i += 1) machine = `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[${machine}],"End":true}}}`;
  return JSON.parse(machine);
}

describe('a definition nested too deeply to analyse', () => {
  const deep = nestedParallels(2_000);
  const fine = nestedParallels(40);

  it('is measured without recursion, and a real nesting passes', () => {
    expect(definitionDepthProblem(deep)).toBe(`the definition is nested more than ${MAX_DEFINITION_DEPTH} levels deep`);
    expect(definitionDepthProblem(fine)).toBeNull();
    expect(validate(fine).filter((d) => d.message.includes('nested more than'))).toEqual([]);
  });

  it('is refused by every entry point with its typed error, never a stack overflow', () => {
    expect(() => parseDefinition(deep)).toThrow(expect.objectContaining({ name: 'AslParseError', message: expect.stringContaining('nested more than') }));
    expect(validate(deep)).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('nested more than') })]);
    expect(lint(deep)).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('nested more than') })]);
    expect(() => explainFailure(deep, 'Leaf')).toThrow(expect.objectContaining({ name: 'ExplainError', code: 'INVALID_DEFINITION' }));
    expect(() => parallelize(deep, { chain: ['P'], branches: { A: ['P'] } })).toThrow(expect.objectContaining({ name: 'ParallelizeError', code: 'INVALID_DEFINITION' }));
    expect(() => renderMermaid(deep)).toThrow(RangeError);
  });
});
