import { describe, expect, it } from 'vitest';
import { dryRun } from '../helpers/dry-run.js';

const dir = 'fixtures/inventories';

describe('real-world exports, row by row', () => {
  it('ServiceNow export: BOM, CRLF, full quoting, a multi-line note, display-name headers', async () => {
    const { rows, byLine, statusOf } = await dryRun(`${dir}/servicenow-export.csv`, { map: ['host_id=sys_id'] });
    expect(rows).toHaveLength(5);
    // Line 3 holds a note spanning lines 3-5; line 6 is blank.
    expect([2, 3, 7, 8, 9].map(statusOf)).toEqual(['planned', 'planned', 'invalid', 'planned', 'planned']);
    expect(byLine.get(7)!.error_msg).toBe('backup_host_port must be an integer 0-65535, got "22x"');
    expect(byLine.get(8)).toMatchObject({ backup_dir: '/backup/app, blue', backup_host_ip: '2001:db8:20::14' });
  });

  it('German Excel export: semicolons, umlauts, a blank row, a ragged row, bad IPs', async () => {
    const { rows, byLine, statusOf } = await dryRun(`${dir}/german-excel.csv`);
    expect(rows).toHaveLength(5);
    expect([2, 3, 5, 6, 7].map(statusOf)).toEqual(['planned', 'planned', 'invalid', 'invalid', 'invalid']);
    expect(byLine.get(3)!.backup_dir).toBe('/sicherung/a,b');
    expect(byLine.get(5)!.error_msg).toBe('has 3 fields, the header has 5');
    expect(byLine.get(6)!.error_msg).toContain('not a valid IPv4 address');
    expect(byLine.get(7)!.error_msg).toContain('zone id');
  });

  it.each(['excel-unicode-text.txt', 'excel-unicode-text-be.txt'])('UTF-16 tab-separated "Unicode text": %s', async (name) => {
    const { rows, byLine, statusOf } = await dryRun(`${dir}/${name}`);
    expect(rows).toHaveLength(3);
    expect([2, 3, 4].map(statusOf)).toEqual(['planned', 'invalid', 'planned']);
    expect(byLine.get(2)!.backup_dir).toBe('/backup/日本');
    expect(byLine.get(3)!.error_msg).toContain('CIDR');
  });

  it('NDJSON: a broken line, a blank line and a non-object are reported, the rest go on', async () => {
    const { rows, byLine, statusOf } = await dryRun(`${dir}/broken-line.ndjson`);
    expect(rows).toHaveLength(5);
    expect([1, 2, 4, 5, 6].map(statusOf)).toEqual(['planned', 'invalid', 'planned', 'invalid', 'invalid']);
    expect(byLine.get(2)!.error_msg).toMatch(/^not valid JSON/);
    expect(byLine.get(4)!.backup_host_port).toBe('8080');
    expect(byLine.get(5)!.error_msg).toBe('expected a JSON object, got an array');
    expect(byLine.get(6)!.error_msg).toContain('got "22.5"');
  });

  it('JSON array: string ports, bad elements, header-like keys, nested values', async () => {
    const { rows, byLine, statusOf } = await dryRun(`${dir}/string-ports.json`);
    expect(rows).toHaveLength(7);
    expect([1, 2, 3, 4, 5, 6, 7].map(statusOf)).toEqual(['planned', 'invalid', 'planned', 'invalid', 'invalid', 'planned', 'invalid']);
    expect(byLine.get(6)).toMatchObject({ host_id: 'e1e10000-0000-4000-8000-000000000004', backup_host_port: '873' });
    expect(byLine.get(7)!.error_msg).toBe('backup_dir must be a string or a number, got an object');
  });

  it('a header-only file is a valid, empty inventory', async () => {
    const { rows, summary } = await dryRun(`${dir}/header-only.csv`);
    expect(rows).toHaveLength(0);
    expect(summary.exit_code).toBe(0);
  });
});
