import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** nginx with `return 200` when installed, else bench/target.mjs. Resolves to { name, url, stop }. */
export async function startFastTarget(workDir) {
  const nginx = ['nginx', '/usr/sbin/nginx'].find((cmd) => hasCommand(cmd) || spawnSync('test', ['-x', cmd]).status === 0);
  if (nginx) {
    const port = await freePort();
    const dir = join(workDir, 'nginx');
    mkdirSync(join(dir, 'logs'), { recursive: true });
    writeFileSync(
      join(dir, 'nginx.conf'),
      `worker_processes 1;\ndaemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  keepalive_requests 1000000;\n  client_body_temp_path ${dir}/body;\n  server {\n    listen 127.0.0.1:${port};\n    location / { add_header X-Request-Id $request_id; return 200; }\n  }\n}\n`,
    );
    const child = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    await waitForPort(port);
    return { name: 'nginx (return 200)', url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
  }
  const child = spawn(process.execPath, [new URL('./target.mjs', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => child.stdout.once('data', (data) => resolve(Number(String(data).trim()))));
  return { name: 'node:http (minimal)', url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function waitForPort(port) {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}
