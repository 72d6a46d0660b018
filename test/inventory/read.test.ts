import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { dryRun } from '../helpers/dry-run.js';
import { useTmpDir } from '../helpers/tmp.js';

const tmp = useTmpDir();
const HEADER = 'host_id,backup_host_ip,backup_host_port,backup_dir';
const row = (n: number, dir = `/b/${n}`) => `h-${n},10.0.0.${n},22,${dir}`;
const stdinOf = (text: string | Buffer) => Readable.from([Buffer.from(text)]) as AsyncIterable<Buffer>;

describe('record positions', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('counts physical lines with %s, quoted newlines and blank lines', async (_name, eol) => {
    const text = [HEADER, row(1), `h-2,10.0.0.2,22,"/multi${eol}line${eol}dir"`, '', '', row(3), `h-4,10.0.0.4,22,"/a""quoted""dir"`, ''].join(eol);
    const { byLine, rows } = await dryRun(tmp.write('p.csv', text));
    expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([2, 3, 8, 9]);
    expect(rows).toHaveLength(4);
    expect(byLine.get(3)!.status).toBe('invalid'); // a newline is a control character in a dir
    expect(byLine.get(9)!.backup_dir).toBe('/a"quoted"dir');
  });

  it('numbers NDJSON lines from 1 and JSON elements from 1', async () => {
    const nd = await dryRun(tmp.write('a.ndjson', `\n{"host_id":"a","backup_host_ip":"10.0.0.1","backup_host_port":1,"backup_dir":"/a"}\n`));
    expect([...nd.byLine.keys()]).toEqual([2]);
    const json = await dryRun(tmp.write('a.json', '[{"host_id":"a","backup_host_ip":"10.0.0.1","backup_host_port":1,"backup_dir":"/a"}, 7]'));
    expect([...json.byLine.keys()].sort()).toEqual([1, 2]);
  });
});

describe('formats and sources', () => {
  it.each([
    [';', 'semicolons'],
    ['\t', 'tabs'],
    ['|', 'pipes'],
  ])('detects the delimiter %j (%s) from the header', async (delimiter) => {
    const join = (cells: string[]) => cells.join(delimiter);
    const text = [HEADER.split(','), ['h-1', '10.0.0.1', '22', '/b/1'], ['h-2', '10.0.0.2', '22', '/with,comma']].map(join).join('\n');
    const { rows } = await dryRun(tmp.write('d.csv', text));
    expect(rows.map((r) => r.status)).toEqual(['planned', 'planned']);
    expect(rows[1]!.backup_dir).toBe('/with,comma');
  });

  it('--delimiter overrides the detection', async () => {
    const { rows } = await dryRun(tmp.write('d.csv', `${HEADER.replace(/,/g, ';')}\nh-1;10.0.0.1;22;/a,b,c,d\n`), { delimiter: ';' });
    expect(rows[0]).toMatchObject({ status: 'planned', backup_dir: '/a,b,c,d' });
  });

  it('reads stdin with --format, and sniffs the format when it is absent', async () => {
    const csv = await dryRun('-', { format: 'csv' }, stdinOf(`${HEADER}\n${row(1)}\n`));
    expect(csv.rows).toHaveLength(1);
    const ndjson = await dryRun('-', {}, stdinOf('{"host_id":"a","backup_host_ip":"::1","backup_host_port":"80","backup_dir":"/x"}\n'));
    expect(ndjson.rows[0]).toMatchObject({ status: 'planned', line: 1 });
    const json = await dryRun('-', {}, stdinOf('  [{"host_id":"a","backup_host_ip":"::1","backup_host_port":80,"backup_dir":"/x"}]'));
    expect(json.rows[0]).toMatchObject({ status: 'planned', line: 1 });
  });

  it('rejects the row holding invalid UTF-8 and keeps the rest', async () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\n${row(1)}\nh-2,10.0.0.2,22,/b/`), Buffer.from([0xc3, 0x28]), Buffer.from(`\n${row(3)}\n`)]);
    const { byLine } = await dryRun(tmp.write('bad-utf8.csv', bytes));
    expect(byLine.get(3)).toMatchObject({ status: 'invalid', error_msg: 'backup_dir contains bytes that are not valid UTF-8' });
    expect(byLine.get(2)!.status).toBe('planned');
    expect(byLine.get(4)!.status).toBe('planned');
  });

  it('removes the formula guard apostrophe a report adds, and only that', async () => {
    const { rows } = await dryRun(tmp.write('f.csv', `${HEADER}\n'=1+2,10.0.0.1,22,'/keep\n'-x,10.0.0.2,22,/b\n`));
    expect(rows.map((r) => r.host_id)).toEqual(['=1+2', '-x']);
    expect(rows[0]!.backup_dir).toBe("'/keep");
  });
});

describe('mapping', () => {
  it('normalises header names: case, spaces, hyphens', async () => {
    const { rows } = await dryRun(tmp.write('m.csv', ` Host ID ,BACKUP-HOST-IP,Backup Host Port,backup dir\n${row(1)}\n`));
    expect(rows[0]!.status).toBe('planned');
  });

  it('--map takes a field from another column and --default fills blanks and absent columns', async () => {
    const text = 'sys_id,ip,backup_host_port,extra\nx-1,10.0.0.1,,junk\nx-2,10.0.0.2,2222,junk\n';
    const { rows } = await dryRun(tmp.write('m.csv', text), { map: ['host_id=sys_id', 'backup_host_ip=IP'], defaults: ['backup_host_port=22', 'backup_dir=/hss/backup'] });
    expect(rows.map((r) => [r.host_id, r.backup_host_port, r.backup_dir, r.status])).toEqual([
      ['x-1', '22', '/hss/backup', 'planned'],
      ['x-2', '2222', '/hss/backup', 'planned'],
    ]);
  });

  it('a required field with no column and no default is an input error naming it', async () => {
    await expect(dryRun(tmp.write('m.csv', 'host_id,backup_host_ip,backup_host_port\nh,10.0.0.1,22\n'))).rejects.toThrow(
      /m\.csv line 1: no "backup_dir" column \(required; or name one with --map backup_dir=COLUMN, or give --default backup_dir=VALUE\)/,
    );
  });
});

describe('whole-file errors: one line naming the file, nothing read', () => {
  const big = (size: number) => 'x'.repeat(size);
  it.each([
    ['empty.csv', '', /empty\.csv: the file is empty/],
    ['bom-only.csv', '\uFEFF', /bom-only\.csv: the file is empty/],
    ['blank.csv', '   \n\n \t\n', /blank\.csv: the file is empty/],
    ['bom-only.json', '\uFEFF', /bom-only\.json: the file is empty/],
    ['unclosed.csv', `${HEADER}\n${row(1)}\nh-2,10.0.0.2,22,"/never closed\n${row(3)}\n`, /unclosed\.csv line \d+: a quoted field is never closed/],
    ['object.json', '{"host_id":"a"}', /object\.json: expected a JSON array of objects, got an object/],
    ['syntax.json', '[{"host_id": "a",]', /syntax\.json: not valid JSON/],
    ['dup-columns.csv', 'host_id,backup_host_ip,Host ID,backup_host_port,backup_dir\n', /dup-columns\.csv line 1: column "host_id" appears more than once/],
    ['wide.csv', Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(','), /wide\.csv line 1: the header has 100000 columns/],
    ['long-line.csv', big(20 * 1024 * 1024), /long-line\.csv line 1: no line break in the first 1024 KiB/],
    ['long-line.ndjson', big(20 * 1024 * 1024), /long-line\.ndjson line 1: a line longer than 1024 KiB/],
    ['long-field.csv', `${HEADER}\nh-1,10.0.0.1,22,"${big(10 * 1024 * 1024)}"\n`, /long-field\.csv line 2: a record is longer than 1024 KiB/],
  ])('%s', async (name, content, message) => {
    const path = tmp.write(name, content);
    const error = await dryRun(path).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('a binary file', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await expect(dryRun(tmp.write('image.csv', png))).rejects.toThrow(/image\.csv: looks like a binary file/);
  });

  it('a missing file and a directory', async () => {
    await expect(dryRun(tmp.path('nope.csv'))).rejects.toThrow(/nope\.csv: no such file/);
    await expect(dryRun('fixtures')).rejects.toThrow(/fixtures: is a directory/);
  });
});
