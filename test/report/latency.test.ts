import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/report/latency.js';

describe('LatencyHistogram', () => {
  it('gives percentiles within ~2% and the exact maximum', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) histogram.record(ms);
    const { p50, p90, p99, max } = histogram.summary();
    expect(Math.abs(p50 - 500) / 500).toBeLessThan(0.025);
    expect(Math.abs(p90 - 900) / 900).toBeLessThan(0.025);
    expect(Math.abs(p99 - 990) / 990).toBeLessThan(0.025);
    expect(max).toBe(1000);
    expect(histogram.count).toBe(1000);
  });

  it('is all zeros when empty, and handles sub-millisecond samples', () => {
    expect(new LatencyHistogram().summary()).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
    const histogram = new LatencyHistogram();
    histogram.record(0.2);
    expect(histogram.summary()).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
  });
});
