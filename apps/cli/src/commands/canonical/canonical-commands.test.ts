import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';
import { scratchDir } from '../../../test/scratch-dir.js';
import { cliStoreBackends } from '../../../test/store-backends.js';

const backends = await cliStoreBackends();
const { dir, file } = scratchDir('repro-cli-canonical');
afterAll(async () => {
  for (const backend of backends) await backend.close();
});

describe.each(backends)('repro canonical on $name', (backend) => {
  let env: Record<string, string>;
  let schema: string;
  beforeAll(async () => {
    schema = await backend.newSchema();
    env = backend.env(schema);
    expect((await runRepro(['db', 'migrate'], { env })).code).toBe(0);
  });
  const repro = (...argv: string[]) => runRepro(argv, { env, cwd: dir });

  it('records with provenance from flags and a file, promotes, and shows every P0 dimension (null where not held)', async () => {
    const prov = file('prov.json', { os: 'linux-6.1', lib_versions: { numpy: '1.26.4' }, feature_versions: null });
    const record = await repro('canonical', 'record', '--cell', 'defi/f3', '--metric', 'f1_buy', '--value', '0.6101', '--run-id', 'r1', '--build-sha', 'abc', '--instance-type', 'm5.large', '--provenance-file', prov, '--promote', '--json');
    expect(record.code).toBe(0);
    expect(JSON.parse(record.stdout)).toEqual({
      run_id: 'r1',
      cell: 'defi/f3',
      metric: 'f1_buy',
      created: true,
      promotion: { run_id: 'r1', cell: 'defi/f3', metric: 'f1_buy', changed: true, demoted_run_id: null },
      warnings: [],
    });
    const show = await repro('canonical', 'show', '--cell', 'defi/f3', '--metric', 'f1_buy', '--json');
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toEqual({
      present: true,
      run_id: 'r1',
      value: 0.6101,
      provenance: { build_sha: 'abc', instance_type: 'm5.large', feature_versions: null, artifact_versions: null, os: 'linux-6.1', lib_versions: { numpy: '1.26.4' } },
    });
    const human = await repro('canonical', 'show', '--cell', 'defi/f3', '--metric', 'f1_buy');
    expect(human.stdout).toMatch(/run_id\s+r1\n/);
    expect(human.stdout).toMatch(/artifact_versions\s+—\n/);
  });

  it('a new promotion demotes the old one; history keeps both; re-recording the same run is a no-op', async () => {
    await repro('canonical', 'record', '--cell', 'h', '--metric', 'm', '--value', '1', '--run-id', 'h1', '--promote');
    const second = await repro('canonical', 'record', '--cell', 'h', '--metric', 'm', '--value', '2', '--run-id', 'h2');
    expect(second.stdout).toBe('recorded run h2 (cell h, metric m)\n');
    const promote = await repro('canonical', 'promote', '--run-id', 'h2');
    expect(promote.stdout).toBe('h2 is the canonical of (h, m); demoted h1\n');
    const history = JSON.parse((await repro('canonical', 'history', '--cell', 'h', '--metric', 'm', '--json')).stdout);
    expect(history.map((h: { run_id: string; demoted_at: string | null }) => [h.run_id, h.demoted_at === null])).toEqual([
      ['h2', true],
      ['h1', false],
    ]);
    const again = await repro('canonical', 'record', '--cell', 'h', '--metric', 'm', '--value', '2', '--run-id', 'h2', '--promote');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('run h2 was already recorded, identical\nh2 already was the canonical\n');
  });

  it('warns when a P0 dimension the verdict requires is missing, naming what supplies it (stderr, and warnings under --json)', async () => {
    const human = await repro('canonical', 'record', '--cell', 'warn/1', '--metric', 'f1_buy', '--value', '0.5', '--run-id', 'w1', '--build-sha', 'abc');
    expect(human.code).toBe(0);
    expect(human.stderr.trim().split('\n')).toEqual([
      'repro: warning: run w1: P0 dimension instance_type is missing: verdicts against this canonical will be INCONCLUSIVE_TOOLING (env_parity_unverified); supply it with --instance-type (or instance_type in --provenance-file)',
      'repro: warning: run w1: P0 dimension os is missing: verdicts against this canonical will be INCONCLUSIVE_TOOLING (env_parity_unverified); supply it with os in --provenance-file',
      'repro: warning: run w1: P0 dimension lib_versions is missing: verdicts against this canonical will be INCONCLUSIVE_TOOLING (env_parity_unverified); supply it with lib_versions in --provenance-file',
    ]);
    const json = await repro('canonical', 'record', '--cell', 'warn/1', '--metric', 'f1_buy', '--value', '0.5', '--run-id', 'w1', '--build-sha', 'abc', '--json');
    expect(JSON.parse(json.stdout).warnings.map((w: { dimension: string }) => w.dimension)).toEqual(['instance_type', 'os', 'lib_versions']);
  });

  it('no canonical is not an error: {present: false}, exit 0', async () => {
    const run = await repro('canonical', 'show', '--cell', 'nobody', '--metric', 'f1_buy', '--json');
    expect(run).toMatchObject({ code: 0, stdout: '{\n  "present": false\n}\n' });
    expect((await repro('canonical', 'show', '--cell', 'nobody', '--metric', 'f1_buy')).stdout).toBe('no canonical for cell nobody, metric f1_buy\n');
  });

  it('bad input exits 2 naming the flag, the file or the field, and writes nothing', async () => {
    const base = ['canonical', 'record', '--cell', 'bad', '--metric', 'm', '--run-id', 'b1'];
    const cases: [string[], RegExp][] = [
      [[...base, '--value', 'NaN'], /^repro: --value: "NaN" is not a decimal number/m],
      [[...base, '--value', 'Infinity'], /^repro: --value: "Infinity" is not a decimal number/m],
      [[...base, '--value', '0x10'], /^repro: --value: "0x10" is not a decimal number/m],
      [[...base, '--value', '1e-400'], /^repro: --value: "1e-400" underflows/m],
      [[...base, '--value', '0.5x'], /^repro: --value: "0.5x" is not a decimal number/m],
      [[...base, '--value', '1', '--provenance-file', file('broken.json', '{"os": ')], /broken\.json: not JSON/],
      [[...base, '--value', '1', '--provenance-file', file('list.json', ['abc'])], /list\.json: expected an object \{dimension: value\}/],
      [[...base, '--value', '1', '--provenance-file', file('typed.json', { lib_versions: 3 })], /typed\.json: lib_versions: must be a JSON object, an array, a non-empty string, or null/],
      [[...base, '--value', '1', '--provenance-file', file('typo.json', { build_shaa: 'x' })], /typo\.json: build_shaa: not a P0 dimension/],
      [[...base, '--value', '1', '--provenance-file', file('sha.json', { build_sha: 'x' }), '--build-sha', 'y'], /--build-sha "y" disagrees with build_sha "x" in .*sha\.json/],
      [[...base, '--value', '1', '--build-sha', ''], /^repro: --build-sha: must be a non-empty string or null/m],
      [['canonical', 'record', '--cell', '', '--metric', 'm', '--run-id', 'b1', '--value', '1'], /^repro: --cell: invalid cell "": must not be empty/m],
      [['canonical', 'promote', '--run-id', 'never-recorded'], /^repro: --run-id: run_id "never-recorded" is not recorded/m],
      [['canonical', 'show', '--cell', 'c', '--metric', 'm', '--table', 'x'], /--table and --map go together/],
    ];
    for (const [argv, message] of cases) {
      const run = await repro(...argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(JSON.parse((await repro('canonical', 'history', '--cell', 'bad', '--metric', 'm', '--json')).stdout)).toEqual([]);
  });

  it('a run id recorded with other content is a conflict: exit 4, the stored run unchanged', async () => {
    await repro('canonical', 'record', '--cell', 'k', '--metric', 'm', '--value', '1', '--run-id', 'k1', '--promote');
    const run = await repro('canonical', 'record', '--cell', 'k', '--metric', 'm', '--value', '1.5', '--run-id', 'k1', '--json');
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'conflict', run_id: 'k1', fields: ['value'] } });
    expect(JSON.parse((await repro('canonical', 'show', '--cell', 'k', '--metric', 'm', '--json')).stdout)).toMatchObject({ value: 1 });
  });

  it('show --table --map reads an existing results table read-only, with unmapped dimensions null', async () => {
    await repro('canonical', 'record', '--cell', 'ext', '--metric', 'f1_buy', '--value', '0.25', '--run-id', 'e1', '--build-sha', 'old');
    await repro('canonical', 'record', '--cell', 'ext', '--metric', 'f1_buy', '--value', '0.5', '--run-id', 'e2', '--build-sha', 'new');
    const map = 'run_id=run_id,value=value,cell=cell,metric=metric,recorded_at=recorded_at,build_sha=build_sha';
    const run = await repro('canonical', 'show', '--cell', 'ext', '--metric', 'f1_buy', '--table', `${schema}.canonical_runs`, '--map', map, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      present: true,
      run_id: 'e2',
      value: 0.5,
      provenance: { build_sha: 'new', instance_type: null, feature_versions: null, artifact_versions: null, os: null, lib_versions: null },
    });
  });
});
