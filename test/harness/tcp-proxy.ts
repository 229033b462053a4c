/**
 * A TCP proxy in front of a real server, so a test can take the server away from the product and
 * give it back without stopping it for everyone else: `down('refuse')` is a stopped process
 * (connections refused), `down('blackhole')` a dead network (connections accepted, nothing answers).
 * Either way the connections already open are cut.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type Outage = 'refuse' | 'blackhole';

export interface TcpProxy {
  /** 127.0.0.1:<port> */
  address: string;
  port: number;
  down(mode: Outage): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  /** Accepted during a black hole: they lead nowhere, so they are cut when the network returns. */
  const stranded = new Set<Socket>();
  let mode: 'up' | Outage = 'up';
  let server: Server | undefined;

  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const onConnection = (client: Socket) => {
    track(client);
    client.on('error', () => client.destroy());
    if (mode === 'blackhole') {
      stranded.add(client); // accepted, never answered
      client.once('close', () => stranded.delete(client));
      return;
    }
    const upstream = connect(target.port, target.host);
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  const stopListening = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  const cutAll = () => {
    for (const socket of open) socket.destroy();
  };

  server = await listen(0);
  const port = (server.address() as { port: number }).port;

  return {
    address: `127.0.0.1:${port}`,
    port,
    async down(outage) {
      mode = outage;
      if (outage === 'refuse') {
        const closing = stopListening();
        cutAll();
        await closing;
        server = undefined;
      } else {
        cutAll();
      }
    },
    async up() {
      if (!server) server = await listen(port);
      mode = 'up';
      for (const socket of stranded) socket.destroy();
    },
    async close() {
      const closing = stopListening();
      cutAll();
      await closing;
      server = undefined;
    },
  };
}
