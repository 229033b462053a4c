/**
 * Test-time certificates (openssl CLI) for the real Temporal server's mTLS frontend
 * (test/harness/temporal-tls-server.ts): a CA, a server certificate, a client certificate, and a
 * client certificate from another CA.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
