/**
 * A TCP relay in front of a test server that a test can shut and open again on the same port:
 * to the app, the server goes away (connections dropped mid-request, then refused) and comes
 * back at the same address, while the in-memory server behind keeps its databases.
 */
import net from 'node:net';

export interface TcpGate {
  /** http://127.0.0.1:<the gate's port> */
  url: string;
  /** Drops every open connection and refuses new ones. */
  shut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  open(): Promise<void>;
  /** Shuts it for good. */
  stop(): Promise<void>;
}

export async function startTcpGate(target: string): Promise<TcpGate> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(targetPort), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const port = await listen(0);
  let listening = true;
  const shut = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    shut,
    async open() {
      if (listening) return;
      await listen(port);
      listening = true;
    },
    stop: shut,
  };
}
