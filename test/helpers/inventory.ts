import { writeFileSync } from 'node:fs';

/** A deterministic UUID-like host id for row i. */
export function hostId(i: number): string {
  const hex = i.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

/** Writes a CSV inventory of `count` valid, unique rows. */
export function writeInventory(path: string, count: number, dirOf: (i: number) => string = (i) => `/backup/${i}`): string {
  const lines = ['host_id,backup_host_ip,backup_host_port,backup_dir'];
  for (let i = 1; i <= count; i++) lines.push(`${hostId(i)},10.0.${Math.floor(i / 250)}.${(i % 250) + 1},${1000 + (i % 60000)},${dirOf(i)}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
