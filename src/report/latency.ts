/** Sub-buckets per power of two: about 2% resolution, whatever the scale. */
const STEPS_PER_OCTAVE = 32;
const BUCKETS = 32 * STEPS_PER_OCTAVE + 1;

/**
 * Request latencies in constant memory (a run may make millions of calls): log-scale buckets,
 * percentiles to within ~2%, the maximum exact.
 */
export class LatencyHistogram {
  readonly #counts = new Float64Array(BUCKETS);
  #total = 0;
  #max = 0;

  record(ms: number): void {
    const value = Math.max(0, ms);
    const bucket = value < 1 ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log2(value) * STEPS_PER_OCTAVE) + 1);
    this.#counts[bucket]!++;
    this.#total++;
    if (value > this.#max) this.#max = value;
  }

  get count(): number {
    return this.#total;
  }

  /** The smallest bucket value with at least q of the samples at or below it. */
  percentile(q: number): number {
    if (this.#total === 0) return 0;
    const rank = Math.ceil(q * this.#total);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.#counts[bucket]!;
      if (seen >= rank) return Math.min(this.#max, bucket === 0 ? 1 : 2 ** (bucket / STEPS_PER_OCTAVE));
    }
    return this.#max;
  }

  summary(): { p50: number; p90: number; p99: number; max: number } {
    return { p50: Math.round(this.percentile(0.5)), p90: Math.round(this.percentile(0.9)), p99: Math.round(this.percentile(0.99)), max: Math.round(this.#max) };
  }
}
