/** Why a `.npz` file (or one of its members) was rejected. Stable strings: the CLI prints them as `code`. */
export type NpzErrorCode =
  | 'truncated'
  | 'bad_zip'
  | 'local_header_mismatch'
  | 'archive_too_large'
  | 'unsupported_compression'
  | 'encrypted_member'
  | 'unsafe_member_name'
  | 'duplicate_member'
  | 'member_too_large'
  | 'crc_mismatch'
  | 'corrupt_deflate'
  | 'bad_magic'
  | 'unsupported_version'
  | 'header_length'
  | 'bad_header'
  | 'unknown_header_key'
  | 'object_dtype'
  | 'unsupported_dtype'
  | 'bad_shape'
  | 'size_mismatch'
  | 'bad_element'
  | 'trailing_bytes';

/**
 * A `.npz` file that cannot be decoded. `member` is the zip member name (e.g. `preds.npy`) when the
 * problem is inside one member, null when it concerns the archive as a whole.
 */
export class NpzFormatError extends Error {
  override name = 'NpzFormatError';
  constructor(
    readonly code: NpzErrorCode,
    readonly member: string | null,
    readonly reason: string,
  ) {
    super(member === null ? `npz: ${reason}` : `npz member ${member}: ${reason}`);
  }
}

/** Arrays that cannot be encoded (data length not matching the shape, a string too long for its dtype…). */
export class NpzEncodeError extends Error {
  override name = 'NpzEncodeError';
  constructor(
    readonly arrayName: string,
    readonly reason: string,
  ) {
    super(`npz array ${JSON.stringify(arrayName)}: ${reason}`);
  }
}
