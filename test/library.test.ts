import { describe, expect, it } from 'vitest';

describe('the library', () => {
  it('exports syncInventory, planInventory and startSimulator from the package name', async () => {
    const lib = await import('hss-backup-sync');
    expect(typeof lib.syncInventory).toBe('function');
    expect(typeof lib.planInventory).toBe('function');
    expect(typeof lib.startSimulator).toBe('function');
    expect(lib.REPORT_COLUMNS[0]).toBe('line');
  });

  it('runs with an onRow callback, stops on an AbortSignal, and returns the summary', async () => {
    const { syncInventory, startSimulator } = await import('hss-backup-sync');
    const sim = await startSimulator({ limit: { count: 1000, perMs: 1000 } });
    try {
      const controller = new AbortController();
      const rows: string[] = [];
      const summary = await syncInventory(
        { inventory: 'sample-hosts.csv', endpoint: sim.url, projectId: 'p', credentials: { token: 'demo-token' }, rate: '50/s', concurrency: 1 },
        {
          signal: controller.signal,
          onRow: (row) => {
            rows.push(row.status);
            if (rows.length === 5) controller.abort({ signal: 'SIGINT' });
          },
        },
      );
      expect(rows).toHaveLength(22);
      expect(summary.counts.succeeded).toBeGreaterThanOrEqual(5);
      expect(summary.counts.succeeded + summary.counts.skipped).toBe(22);
      expect(summary.stop.kind).toBe('interrupted');
      expect(summary.exit_code).toBe(130);
      expect(summary.requests.sent).toBe(sim.stats.puts);
    } finally {
      await sim.close();
    }
  });
});
