import { afterEach } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/server.js';

/** Starts a simulator on 127.0.0.1:0 for one test and closes it afterwards. */
export function useSimulator(): (options?: SimulatorOptions) => Promise<Simulator> {
  const started: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((sim) => sim.close()));
  });
  return async (options = {}) => {
    const sim = await startSimulator({ limit: { count: 100_000, perMs: 1000 }, ...options });
    started.push(sim);
    return sim;
  };
}

/** Options for a fast run against a simulator: test-speed pacing, short backoff. */
export function fastRun(url: string) {
  return {
    endpoint: url,
    projectId: 'test-project',
    credentials: { token: 'demo-token' },
    rate: '1000/s',
    concurrency: 4,
    retryDelay: '5ms',
    retryMaxDelay: '20ms',
    timeout: '2s',
  };
}
