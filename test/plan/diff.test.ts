import { describe, expect, it } from 'vitest';
import { diffHost } from '../../src/plan/diff.js';

const desired = { host_id: 'h', backup_host_ip: '2001:db8::1', backup_host_port: 22, backup_dir: '/b' };

describe('diffHost', () => {
  it.each([
    ['absent in the cloud', undefined, { change: 'create', fields: [] }],
    ['identical', { ...desired }, { change: 'none', fields: [] }],
    ['the same IPv6 address written differently', { ...desired, backup_host_ip: '2001:DB8:0:0::1' }, { change: 'none', fields: [] }],
    ['another dir', { ...desired, backup_dir: '/old' }, { change: 'update', fields: [{ field: 'backup_dir', from: '/old', to: '/b' }] }],
    ['another port', { ...desired, backup_host_port: 2222 }, { change: 'update', fields: [{ field: 'backup_host_port', from: '2222', to: '22' }] }],
    [
      'another address and dir',
      { ...desired, backup_host_ip: '10.0.0.1', backup_dir: '/x' },
      { change: 'update', fields: [{ field: 'backup_host_ip', from: '10.0.0.1', to: '2001:db8::1' }, { field: 'backup_dir', from: '/x', to: '/b' }] },
    ],
    ['a dir differing only in case (paths are case-sensitive)', { ...desired, backup_dir: '/B' }, { change: 'update', fields: [{ field: 'backup_dir', from: '/B', to: '/b' }] }],
  ])('%s', (_label, live, expected) => {
    expect(diffHost(desired, live)).toEqual(expected);
  });
});
