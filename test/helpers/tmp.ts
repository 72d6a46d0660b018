import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder per test, removed afterwards. */
export function useTmpDir(): { path: (name: string) => string; write: (name: string, content: string | Buffer) => string } {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const ensure = (): string => (dir ??= mkdtempSync(join(tmpdir(), 'hss-sync-test-')));
  return {
    path: (name) => join(ensure(), name),
    write: (name, content) => {
      const file = join(ensure(), name);
      writeFileSync(file, content);
      return file;
    },
  };
}
