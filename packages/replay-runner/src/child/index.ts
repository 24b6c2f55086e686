// Child side of the @repro/replay-runner protocol, for Node training scripts.
// `import { params, writeResult } from '@repro/replay-runner/child'`, or, from a script that does not
// depend on the package, `require(process.env.REPRO_NODE_CHILD)` (the runner sets it).
export { captureFingerprint, localInstanceType } from './capture-fingerprint.js';
export { params } from './child-params.js';
export { type ChildResultPayload, writeResult } from './write-result.js';
