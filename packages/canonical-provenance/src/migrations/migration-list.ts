/**
 * The versioned migrations of the `repro` schema, oldest first. `{{schema}}` stands for the quoted schema
 * name; the checksum of a migration is taken over this text, so it does not depend on the schema name.
 * Never edit an applied migration: add a new one (an edited migration is refused by the runner).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const CANONICAL_RUNS = `
create table {{schema}}.canonical_runs (
  run_id            text primary key check (run_id <> ''),
  cell              text not null check (cell <> ''),
  metric            text not null check (metric <> ''),
  -- finite only: NaN sorts above Infinity in PostgreSQL, so "< 'Infinity'" rejects it too
  value             double precision not null check (value > '-Infinity'::float8 and value < 'Infinity'::float8),
  recorded_at       timestamptz not null default now(),
  -- the P0 provenance vector (architecture seed §4bis); NULL = not recorded
  build_sha         text check (build_sha <> ''),
  instance_type     text check (instance_type <> ''),
  feature_versions  jsonb,
  artifact_versions jsonb,
  os                text check (os <> ''),
  lib_versions      jsonb,
  extra             jsonb not null default '{}'::jsonb check (jsonb_typeof(extra) = 'object'),
  unique (run_id, cell, metric)
);
create index canonical_runs_by_cell_metric on {{schema}}.canonical_runs (cell, metric, recorded_at desc);

-- Which run is the canonical of a (cell, metric), and since when; demoted rows are the history.
create table {{schema}}.canonical_promotions (
  id          bigint generated always as identity primary key,
  run_id      text not null,
  cell        text not null,
  metric      text not null,
  promoted_at timestamptz not null default now(),
  demoted_at  timestamptz,
  -- the promotion's cell and metric are the run's own, by construction
  foreign key (run_id, cell, metric) references {{schema}}.canonical_runs (run_id, cell, metric)
);
-- At most one canonical per (cell, metric), enforced here, not in application code.
create unique index canonical_promotions_one_current on {{schema}}.canonical_promotions (cell, metric) where demoted_at is null;
create index canonical_promotions_history on {{schema}}.canonical_promotions (cell, metric, promoted_at desc, id desc);
`;

const EPS_PROD = `
create table {{schema}}.eps_prod (
  image_sha   text not null check (image_sha <> ''),
  cell        text not null check (cell <> ''),
  metric      text not null check (metric <> ''),
  status      text not null check (status in ('measured', 'unmeasured')),
  eps_prod    double precision check (eps_prod >= 0 and eps_prod < 'Infinity'::float8),
  reason      text check (reason <> ''),
  n           integer not null check (n >= 0),
  method      text not null check (method <> ''),
  coverage    double precision not null check (coverage > 0 and coverage < 1),
  confidence  double precision not null check (confidence > 0 and confidence < 1),
  mean        double precision check (mean > '-Infinity'::float8 and mean < 'Infinity'::float8),
  sd          double precision check (sd >= 0 and sd < 'Infinity'::float8),
  samples     double precision[] not null check (cardinality(samples) = n),
  measured_at timestamptz not null default now(),
  primary key (image_sha, cell, metric),
  check ((status = 'measured') = (eps_prod is not null)),
  check ((status = 'unmeasured') = (reason is not null))
);
`;

const VERDICT_HISTORY = `
create table {{schema}}.verdicts (
  id         bigint generated always as identity primary key,
  cell       text not null check (cell <> ''),
  metric     text not null check (metric <> ''),
  verdict    text not null check (verdict in ('FIDELITY_OK', 'NON_DETERMINISTIC', 'CANONICAL_DIVERGENCE', 'INCONCLUSIVE_TOOLING')),
  decided_at timestamptz not null,
  artefact   jsonb not null check (jsonb_typeof(artefact) = 'object'),
  saved_at   timestamptz not null default now()
);
create index verdicts_by_cell_metric on {{schema}}.verdicts (cell, metric, decided_at desc, id desc);
create index verdicts_by_time on {{schema}}.verdicts (decided_at desc, id desc);
create index verdicts_by_verdict on {{schema}}.verdicts (verdict, decided_at desc, id desc);
`;

// An idempotency key per saved verdict (e.g. the worker's job id): the same key saves once. NULL = none.
const VERDICT_KEY = `
alter table {{schema}}.verdicts add column idempotency_key text check (idempotency_key <> '');
create unique index verdicts_by_idempotency_key on {{schema}}.verdicts (idempotency_key);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'canonical_runs', sql: CANONICAL_RUNS },
  { version: 2, name: 'eps_prod', sql: EPS_PROD },
  { version: 3, name: 'verdict_history', sql: VERDICT_HISTORY },
  { version: 4, name: 'verdict_idempotency_key', sql: VERDICT_KEY },
];
