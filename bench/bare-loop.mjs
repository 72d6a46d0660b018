// The ceiling for our engine: the same PUTs from a bare undici + p-limit loop, nothing else.
import pLimit from 'p-limit';
import { Agent } from 'undici';

const [url, countText, concurrencyText] = process.argv.slice(2);
const count = Number(countText);
const concurrency = Number(concurrencyText);
const origin = new URL(url).origin;
const agent = new Agent({ connections: concurrency, pipelining: 1 });
const limit = pLimit(concurrency);
const started = performance.now();
let ok = 0;
const tasks = [];
for (let i = 0; i < count; i++) {
  tasks.push(limit(async () => {
    const body = JSON.stringify({ host_id: `h-${i}`, backup_host_ip: '10.0.0.1', backup_host_port: 22, backup_dir: `/b/${i}` });
    const res = await agent.request({ origin, path: '/v5/p/wtp/backup-hosts', method: 'PUT', headers: { 'content-type': 'application/json', 'x-auth-token': 't' }, body });
    await res.body.dump();
    if (res.statusCode === 200) ok++;
  }));
}
await Promise.all(tasks);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ ok, seconds, rps: count / seconds }) + '\n');
await agent.close();
