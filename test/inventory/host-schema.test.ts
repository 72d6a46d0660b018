import { describe, expect, it } from 'vitest';
import { validateHost } from '../../src/inventory/host-schema.js';
import { canonicalIp } from '../../src/inventory/ip.js';

const base = { host_id: 'h-1', backup_host_ip: '192.168.1.1', backup_host_port: '22', backup_dir: '/back' };

describe('backup_host_port', () => {
  it.each([
    ['0', 0],
    ['22', 22],
    ['65535', 65535],
    ['0022', 22],
  ])('accepts %j as %i', (port, expected) => {
    expect(validateHost({ ...base, backup_host_port: port })).toEqual({ ok: true, host: { ...base, backup_host_port: expected } });
  });

  it.each([
    ['70000', 'backup_host_port must be an integer 0-65535, got "70000"'],
    ['65536', 'backup_host_port must be an integer 0-65535, got "65536"'],
    ['0x16', 'backup_host_port must be an integer 0-65535, got "0x16"'],
    ['1e3', 'backup_host_port must be an integer 0-65535, got "1e3"'],
    ['-1', 'backup_host_port must be an integer 0-65535, got "-1"'],
    ['22.5', 'backup_host_port must be an integer 0-65535, got "22.5"'],
    ['+22', 'backup_host_port must be an integer 0-65535, got "+22"'],
    ['22 ', 'backup_host_port must be an integer 0-65535, got "22 "'],
    ['١٢', 'backup_host_port must be an integer 0-65535, got "١٢"'],
    ['', 'backup_host_port is empty'],
  ])('rejects %j', (port, message) => {
    expect(validateHost({ ...base, backup_host_port: port })).toEqual({ ok: false, message });
  });
});

describe('backup_host_ip', () => {
  it.each(['10.0.0.1', '255.255.255.255', '0.0.0.0', '::1', '2001:db8::1', 'FE80::1', '::ffff:192.168.1.1', '2001:0db8:0000:0000:0000:0000:0000:0001'])('accepts %s', (ip) => {
    expect(validateHost({ ...base, backup_host_ip: ip }).ok).toBe(true);
  });

  it.each([
    ['10.0.0.0/24', 'must be a single address, not a CIDR range'],
    ['2001:db8::/64', 'must be a single address, not a CIDR range'],
    ['fe80::1%eth0', 'must not carry a zone id'],
    ['backup.example.com', 'must be an IP address, not a hostname'],
    ['localhost', 'must be an IP address, not a hostname'],
    ['010.0.0.1', 'is not a valid IPv4 address (each part 0-255, no leading zeros)'],
    ['10.0.0.256', 'is not a valid IPv4 address'],
    ['[::1]', 'must be written without brackets'],
    ['10.0.0', 'is not an IPv4 or IPv6 address'],
    ['1.2.3.4:22', 'is not an IPv4 or IPv6 address'],
    ['', 'backup_host_ip is empty'],
  ])('rejects %j: %s', (ip, message) => {
    const result = validateHost({ ...base, backup_host_ip: ip });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it('canonicalises IPv6 so equal addresses compare equal', () => {
    expect(canonicalIp('2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(canonicalIp('10.0.0.1')).toBe('10.0.0.1');
  });
});

describe('text fields', () => {
  it.each([
    ['host_id', '', 'host_id is empty'],
    ['host_id', 'x'.repeat(257), 'host_id must be at most 256 characters, got 257'],
    ['backup_dir', '/a\u0000b', 'backup_dir contains a control character (U+0000)'],
    ['backup_dir', '/a\u001b[31mred', 'backup_dir contains a control character (U+001B)'],
    ['host_id', 'a\tb', 'host_id contains a control character (U+0009)'],
    ['backup_dir', '/a\u009bb', 'backup_dir contains a control character (U+009B)'],
  ])('%s %j: %s', (field, value, message) => {
    expect(validateHost({ ...base, [field]: value })).toEqual({ ok: false, message });
  });

  it('accepts 256 characters, unicode, and shell- or path-like text as plain data', () => {
    for (const dir of ['/'.padEnd(256, 'd'), '/备份/路径', '/$(rm -rf /)', '../../etc/passwd', '`id`;|&']) {
      expect(validateHost({ ...base, backup_dir: dir }).ok).toBe(true);
    }
  });

  it('reports every field at fault in one message', () => {
    expect(validateHost({ host_id: '', backup_host_ip: '1.2.3', backup_host_port: 'y', backup_dir: '' })).toEqual({
      ok: false,
      message: 'host_id is empty; backup_host_ip is not an IPv4 or IPv6 address, got "1.2.3"; backup_host_port must be an integer 0-65535, got "y"; backup_dir is empty',
    });
  });
});
