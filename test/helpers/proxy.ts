import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface TestProxy {
  url: string;
  /** host:port of every CONNECT seen. */
  tunnels: string[];
}

/**
 * A CONNECT proxy on loopback. Names under `.invalid` never resolve anywhere; this proxy maps them
 * to 127.0.0.1, standing in for a proxy that can resolve what the client cannot.
 */
export function useProxy(): () => Promise<TestProxy> {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); })));
  });
  return async () => {
    const tunnels: string[] = [];
    const server = createServer((_req, res) => res.writeHead(405).end());
    server.on('connect', (req, clientSocket, head) => {
      const target = req.url ?? '';
      tunnels.push(target);
      const [host, port] = target.split(':');
      const upstream = connect(Number(port), host!.endsWith('.invalid') ? '127.0.0.1' : host!, () => {
        clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(clientSocket);
        clientSocket.pipe(upstream);
      });
      upstream.on('error', () => clientSocket.destroy());
      clientSocket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels };
  };
}
