/**
 * A counting semaphore over bytes: `take(n)` waits until `n` more bytes fit under the limit (or nothing is
 * held: one item larger than the whole budget still runs, alone). Waiters are served first come, first served.
 */
export class ByteBudget {
  private inUse = 0;
  private readonly waiting: { bytes: number; admit: () => void }[] = [];

  constructor(readonly limit: number) {
    if (!(limit > 0)) throw new RangeError(`byte budget must be positive, not ${limit}`);
  }

  take(bytes: number): Promise<void> {
    return new Promise((admit) => {
      this.waiting.push({ bytes, admit });
      this.pump();
    });
  }

  release(bytes: number): void {
    this.inUse -= bytes;
    this.pump();
  }

  /** Run `fn` holding `bytes` of the budget. */
  async with<T>(bytes: number, fn: () => Promise<T>): Promise<T> {
    await this.take(bytes);
    try {
      return await fn();
    } finally {
      this.release(bytes);
    }
  }

  private pump(): void {
    for (;;) {
      const next = this.waiting[0];
      if (next === undefined || (this.inUse > 0 && this.inUse + next.bytes > this.limit)) return;
      this.waiting.shift();
      this.inUse += next.bytes;
      next.admit();
    }
  }
}
