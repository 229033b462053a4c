/**
 * Test-time certificates (openssl CLI) and an mTLS front for the harness's Temporal server.
 * The Temporal CLI's dev server speaks plain gRPC only, so the front terminates TLS as an ingress or
 * load balancer before a self-hosted cluster would: it demands a client certificate signed by the
 * test CA, speaks HTTP/2 (ALPN h2) and passes the decrypted stream on to the dev server.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer, type TLSSocket } from 'node:tls';

export interface TestPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A client certificate signed by another CA: must be refused. */
  strangerCert: string;
  strangerKey: string;
}

/** The name on the server certificate (clients give it as TEMPORAL_TLS_SERVER_NAME). */
export const SERVER_NAME = 'temporal.test';

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function issue(dir: string, name: string, ca: { cert: string; key: string }, extensions: string): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n${extensions}\n`);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', key]);
  openssl(['req', '-new', '-key', key, '-subj', `/CN=${name}`, '-out', csr]);
  openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', cert]);
  return { cert, key };
}

function authority(dir: string, name: string): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', key]);
  openssl(['req', '-x509', '-new', '-key', key, '-subj', `/CN=${name}`, '-days', '2', '-out', cert]);
  return { cert, key };
}

/** A CA, a server certificate for SERVER_NAME and 127.0.0.1, a client certificate; plus a stranger's. */
export function makeTestPki(dir: string): TestPki {
  const ca = authority(dir, 'test-ca');
  const server = issue(dir, 'temporal-server', ca, `extendedKeyUsage=serverAuth\nsubjectAltName=DNS:${SERVER_NAME},IP:127.0.0.1`);
  const client = issue(dir, 'escalation-client', ca, 'extendedKeyUsage=clientAuth');
  const stranger = issue(dir, 'stranger-client', authority(dir, 'other-ca'), 'extendedKeyUsage=clientAuth');
  return {
    caCert: ca.cert,
    serverCert: server.cert,
    serverKey: server.key,
    clientCert: client.cert,
    clientKey: client.key,
    strangerCert: stranger.cert,
    strangerKey: stranger.key,
  };
}

export interface MtlsFront {
  address: string;
  /** Handshakes the front refused, with the reason (no certificate, unknown CA, …). */
  refused: string[];
  /** Connections that completed the handshake with a client certificate, by its CN. */
  accepted: string[];
  close(): Promise<void>;
}

export async function startMtlsFront(pki: TestPki, target: string): Promise<MtlsFront> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const refused: string[] = [];
  const accepted: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(
    {
      key: readFileSync(pki.serverKey),
      cert: readFileSync(pki.serverCert),
      ca: readFileSync(pki.caCert),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (tlsSocket: TLSSocket) => {
      accepted.push(String(tlsSocket.getPeerCertificate().subject?.CN));
      const upstream = connect(port, host);
      for (const s of [tlsSocket, upstream]) {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      tlsSocket.pipe(upstream).pipe(tlsSocket);
      tlsSocket.once('close', () => upstream.destroy());
      upstream.once('close', () => tlsSocket.destroy());
    },
  );
  server.on('tlsClientError', (error) => refused.push(error.message));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    refused,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
