/**
 * Where the element bytes of a `.npy` member go as they stream in (inflated or read chunk by chunk): into
 * `dest`, the one buffer that becomes the array, at their C-order position. A Fortran-ordered array is
 * transposed on the fly, so reading it needs no second full copy. Chunks may split an element anywhere.
 * Call `finish()` after the last chunk. Pure: no I/O. The caller guarantees the total pushed is at most
 * `dest.length`.
 */
export interface ElementPlacer {
  push(chunk: Uint8Array): void;
  finish(): void;
}

/** Default bound of the staging buffer of a Fortran transposition. */
export const FORTRAN_STAGE_BYTES = 16 << 20;

export function elementPlacer(dest: Uint8Array, shape: readonly number[], itemsize: number, fortranOrder: boolean, stageBytes = FORTRAN_STAGE_BYTES): ElementPlacer {
  if (!fortranOrder || shape.length < 2 || dest.length === 0) {
    let filled = 0;
    return {
      push: (chunk) => {
        dest.set(chunk, filled);
        filled += chunk.length;
      },
      finish: () => undefined,
    };
  }
  // Columns (runs along axis 0) that fit the stage are transposed a block of columns at a time; longer ones stream.
  return shape[0]! * itemsize <= stageBytes ? fortranBlocks(dest, shape, itemsize, stageBytes) : fortranScatter(dest, shape, itemsize);
}

/** The widest unit (4, 2 or 1 bytes) dividing the item size: elements are copied unit by unit. */
function copyUnit(itemsize: number): 1 | 2 | 4 {
  return itemsize % 4 === 0 ? 4 : itemsize % 2 === 0 ? 2 : 1;
}

function unitView(bytes: Uint8Array, unit: 1 | 2 | 4): Uint8Array | Uint16Array | Uint32Array {
  if (unit === 1) return bytes;
  const length = bytes.byteLength / unit;
  return unit === 4 ? new Uint32Array(bytes.buffer, bytes.byteOffset, length) : new Uint16Array(bytes.buffer, bytes.byteOffset, length);
}

/**
 * Fortran order walks the first axis fastest. Keep the multi-index of the next element in that order and its
 * offset in C order (last axis fastest) in step, and copy each element to `cOffset · itemsize`.
 */
function fortranScatter(dest: Uint8Array, shape: readonly number[], itemsize: number): ElementPlacer {
  const ndim = shape.length;
  const cStrides = new Array<number>(ndim);
  let stride = 1;
  for (let k = ndim - 1; k >= 0; k -= 1) {
    cStrides[k] = stride;
    stride *= shape[k]!;
  }
  const index = new Array<number>(ndim).fill(0);
  let cOffset = 0;
  /** Step to the next element in Fortran order: axis 0 first, carrying into the next axes. */
  const advance = () => {
    for (let k = 0; k < ndim; k += 1) {
      index[k]! += 1;
      cOffset += cStrides[k]!;
      if (index[k]! < shape[k]!) return;
      cOffset -= cStrides[k]! * shape[k]!;
      index[k] = 0;
    }
  };
  const unit = copyUnit(itemsize);
  const per = itemsize / unit;
  const destUnits = unitView(dest, unit);
  const axis0 = shape[0]!;
  const step = cStrides[0]! * per;
  let scratch = new Uint8Array(0);
  /** Bytes of the current element already placed (an element split across chunks). */
  let within = 0;

  /**
   * Place `count` whole elements. Along axis 0 (contiguous in the source) the C-order offset grows by a
   * constant stride: copy such runs in a tight loop, and carry into the next axes between runs.
   */
  const placeWhole = (bytes: Uint8Array, count: number) => {
    let aligned = bytes;
    if (bytes.byteOffset % unit !== 0) {
      if (scratch.length < bytes.length) scratch = new Uint8Array(bytes.length);
      scratch.set(bytes);
      aligned = scratch.subarray(0, bytes.length);
    }
    const src = unitView(aligned, unit);
    let e = 0;
    while (e < count) {
      const run = Math.min(count - e, axis0 - index[0]!);
      let s = e * per;
      let d = cOffset * per;
      if (per === 1) {
        for (let r = 0; r < run; r += 1, s += 1, d += step) destUnits[d] = src[s]!;
      } else {
        for (let r = 0; r < run; r += 1, d += step) for (let u = 0; u < per; u += 1, s += 1) destUnits[d + u] = src[s]!;
      }
      e += run;
      // stand on the run's last element, then step past it (carrying when axis 0 is done)
      index[0]! += run - 1;
      cOffset += (run - 1) * cStrides[0]!;
      advance();
    }
  };

  const push = (chunk: Uint8Array) => {
    let p = 0;
    if (within > 0) {
      const take = Math.min(itemsize - within, chunk.length);
      dest.set(chunk.subarray(0, take), cOffset * itemsize + within);
      within += take;
      p = take;
      if (within < itemsize) return;
      within = 0;
      advance();
    }
    const whole = Math.floor((chunk.length - p) / itemsize);
    if (whole > 0) {
      placeWhole(chunk.subarray(p, p + whole * itemsize), whole);
      p += whole * itemsize;
    }
    if (p < chunk.length) {
      dest.set(chunk.subarray(p), cOffset * itemsize);
      within = chunk.length - p;
    }
  };
  return { push, finish: () => undefined };
}

/** C-order strides (in elements) of a shape. */
function cStridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let k = shape.length - 1; k >= 0; k -= 1) {
    strides[k] = stride;
    stride *= shape[k]!;
  }
  return strides;
}

/**
 * Stage whole columns (runs along axis 0, contiguous in Fortran order) in a buffer of at most `stageBytes`,
 * then write them out row by row: for each position along axis 0, the staged columns' elements go to C-order
 * offsets that, for a 2-D array, are adjacent. Far fewer cache lines and pages are touched than by writing
 * one column at a time with a stride of a whole row.
 */
function fortranBlocks(dest: Uint8Array, shape: readonly number[], itemsize: number, stageBytes: number): ElementPlacer {
  const ndim = shape.length;
  const cStrides = cStridesOf(shape);
  const axis0 = shape[0]!;
  const columnBytes = axis0 * itemsize;
  const stage = new Uint8Array(Math.min(dest.length, Math.max(1, Math.floor(stageBytes / columnBytes)) * columnBytes));
  let staged = 0;
  const unit = copyUnit(itemsize);
  const per = itemsize / unit;
  const destUnits = unitView(dest, unit);
  const src = unitView(stage, unit);
  /** Multi-index over axes 1… of the next column, and its C-order offset. */
  const index = new Array<number>(ndim).fill(0);
  let cOffset = 0;
  const nextColumn = () => {
    for (let k = 1; k < ndim; k += 1) {
      index[k]! += 1;
      cOffset += cStrides[k]!;
      if (index[k]! < shape[k]!) return;
      cOffset -= cStrides[k]! * shape[k]!;
      index[k] = 0;
    }
  };
  const bases: number[] = [];
  const flush = () => {
    const columns = staged / columnBytes;
    bases.length = 0;
    for (let j = 0; j < columns; j += 1) {
      bases.push(cOffset * per);
      nextColumn();
    }
    const rowStep = cStrides[0]! * per;
    const columnUnits = axis0 * per;
    for (let i = 0, row = 0; i < axis0; i += 1, row += rowStep) {
      for (let j = 0; j < columns; j += 1) {
        const s = j * columnUnits + i * per;
        const d = bases[j]! + row;
        for (let u = 0; u < per; u += 1) destUnits[d + u] = src[s + u]!;
      }
    }
    staged = 0;
  };
  return {
    push: (chunk) => {
      let p = 0;
      while (p < chunk.length) {
        const take = Math.min(stage.length - staged, chunk.length - p);
        stage.set(chunk.subarray(p, p + take), staged);
        staged += take;
        p += take;
        if (staged === stage.length) flush();
      }
    },
    finish: () => {
      if (staged % columnBytes !== 0) throw new Error(`element placer: ${staged} staged bytes are not whole columns`);
      if (staged > 0) flush();
    },
  };
}
