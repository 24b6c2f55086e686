import { S3Client } from '@aws-sdk/client-s3';
import type { S3Encryption } from './s3-store.js';
import { DEFAULT_S3_TIMEOUTS, type S3Timeouts } from './s3-timeouts.js';

/** How to reach S3, resolved from AWS's conventional variables (see s3SettingsFromEnv). */
export interface S3ConnectionSettings {
  region: string;
  /** Custom endpoint (MinIO, Scaleway, moto…); path-style addressing is used whenever one is set. */
  endpoint?: string;
  /** Explicit static credentials; absent → the SDK's standard credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  encryption?: S3Encryption;
  /** Deadlines (defaults: DEFAULT_S3_TIMEOUTS). */
  timeouts?: Partial<S3Timeouts>;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** An S3 setting in the environment that cannot be used; `variable` names it. */
export class InvalidS3SettingError extends Error {
  override name = 'InvalidS3SettingError';
  constructor(
    readonly variable: string,
    readonly value: string,
    reason: string,
  ) {
    super(`${variable}=${JSON.stringify(value)}: ${reason}`);
  }
}

const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/**
 * Resolve S3 settings from an environment passed in explicitly (never process.env here):
 * `AWS_ENDPOINT_URL_S3` then `AWS_ENDPOINT_URL`; `AWS_REGION` then `AWS_DEFAULT_REGION` (default
 * us-east-1); static keys from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` when both
 * are set, else the SDK's credential chain; `REPRO_S3_SSE` = `AES256` | `aws:kms` (+ `REPRO_S3_KMS_KEY_ID`);
 * `REPRO_S3_CONNECT_TIMEOUT_MS`, `REPRO_S3_REQUEST_TIMEOUT_MS`, `REPRO_S3_TOTAL_TIMEOUT_MS` (see S3Timeouts).
 */
export function s3SettingsFromEnv(env: Env): S3ConnectionSettings {
  const endpoint = nonEmpty(env.AWS_ENDPOINT_URL_S3) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const region = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? 'us-east-1';
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
  const sse = nonEmpty(env.REPRO_S3_SSE);
  let encryption: S3Encryption | undefined;
  if (sse === 'AES256') encryption = { type: 'AES256' };
  else if (sse === 'aws:kms') {
    const kmsKeyId = nonEmpty(env.REPRO_S3_KMS_KEY_ID);
    encryption = kmsKeyId === undefined ? { type: 'aws:kms' } : { type: 'aws:kms', kmsKeyId };
  } else if (sse !== undefined) throw new InvalidS3SettingError('REPRO_S3_SSE', sse, 'must be AES256 or aws:kms');
  const timeouts: Partial<S3Timeouts> = {};
  for (const [variable, field] of [
    ['REPRO_S3_CONNECT_TIMEOUT_MS', 'connectMs'],
    ['REPRO_S3_REQUEST_TIMEOUT_MS', 'requestMs'],
    ['REPRO_S3_TOTAL_TIMEOUT_MS', 'totalMs'],
  ] as const) {
    const raw = nonEmpty(env[variable]);
    if (raw === undefined) continue;
    if (!/^[1-9]\d{0,8}$/.test(raw)) throw new InvalidS3SettingError(variable, raw, 'must be a whole number of milliseconds, 1..999999999');
    timeouts[field] = Number(raw);
  }
  if (endpoint !== undefined && !/^https?:$/.test(URL.canParse(endpoint) ? new URL(endpoint).protocol : '')) {
    const variable = nonEmpty(env.AWS_ENDPOINT_URL_S3) === undefined ? 'AWS_ENDPOINT_URL' : 'AWS_ENDPOINT_URL_S3';
    throw new InvalidS3SettingError(variable, endpoint, 'is not an http(s) URL (e.g. http://127.0.0.1:9000)');
  }
  return {
    region,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(accessKeyId !== undefined && secretAccessKey !== undefined
      ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) } }
      : {}),
    ...(encryption === undefined ? {} : { encryption }),
    ...(Object.keys(timeouts).length === 0 ? {} : { timeouts }),
  };
}

/**
 * An S3Client for these settings. The SDK's own retries are off (maxAttempts 1): S3Store retries whole
 * operations itself, body reads included. Checksums only when an operation requires them (our sha256
 * covers integrity, and several S3-compatible stores reject the newer default checksums). The connect and
 * request time-outs throw (`throwOnRequestTimeout`): the SDK alone would only warn and wait on.
 */
export function createS3Client(settings: S3ConnectionSettings, options: { requestTimeoutMs?: number; connectionTimeoutMs?: number } = {}): S3Client {
  const timeouts = { ...DEFAULT_S3_TIMEOUTS, ...settings.timeouts };
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint, forcePathStyle: true }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? timeouts.requestMs,
      connectionTimeout: options.connectionTimeoutMs ?? timeouts.connectMs,
      throwOnRequestTimeout: true,
    },
  });
}
