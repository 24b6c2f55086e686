import { z } from 'zod';


/** Per replay, seconds (a day at most); the runner kills the whole process group after it. */
export const timeoutSeconds = z.number().positive('must be a positive number of seconds').max(86_400, 'at most 86400 seconds (a day)');

/** Strictly between 0 and 1. */
export const probability = z.number().gt(0, 'must be strictly between 0 and 1').lt(1, 'must be strictly between 0 and 1');

/** The default per-replay timeout: an hour. */
export const DEFAULT_TIMEOUT_S = 3600;
