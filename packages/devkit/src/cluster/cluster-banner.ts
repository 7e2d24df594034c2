import { relative } from 'node:path';
import type { LocalCluster } from './local-cluster';

/** What `kessai cluster` prints once everything runs: where each part is, and how to call it. */
export function renderClusterBanner(cluster: LocalCluster): string {
  const here = (path: string) => relative(process.cwd(), path) || '.';
  const secretless = (url: string) => url.replace(/:[^:@/]*@/, ':***@');
  const line = (label: string, value: string) => `  ${label.padEnd(18)}${value}`;
  return [
    '',
    `Kessai cluster: HAProxy → ${cluster.apis.length} API processes → PgBouncer (transaction pooling) → PostgreSQL,`,
    `and ${cluster.workers.length} worker process${cluster.workers.length === 1 ? '' : 'es'} for the jobs.`,
    '',
    line('API (HAProxy)', cluster.url),
    ...cluster.apis.map((api) => line(api.name, `${api.url}  pid ${api.pid}  log ${here(api.logFile)}`)),
    ...cluster.workers.map((worker) => line(worker.name, `pid ${worker.pid}  log ${here(worker.logFile)}`)),
    line('PgBouncer', `${secretless(cluster.pooledUrl)}  (DATABASE_URL)`),
    line(
      'PostgreSQL',
      `${cluster.directUrl}  (DATABASE_DIRECT_URL)${cluster.postgresLog ? `  log ${here(cluster.postgresLog)}` : ''}`,
    ),
    line('Smartpay', cluster.sandbox ? `${cluster.sandbox.baseUrl} (sandbox)` : 'SMARTPAY_API_BASE'),
    line('HAProxy', `log ${here(`${cluster.logDir}/haproxy.log`)}, admin socket ${cluster.haproxy.adminSocket}`),
    line('PgBouncer log', here(`${cluster.logDir}/pgbouncer.log`)),
    line('merchant key', `${here(cluster.keyFile)}  (merchant account "default")`),
    '',
    'Try it:',
    `  export KESSAI_TOKEN=${cluster.token}`,
    `  curl -s ${cluster.url}/transactions -H "Authorization: Bearer $KESSAI_TOKEN"`,
    `  a new token: node packages/server/dist/cli.js token --key ${here(cluster.keyFile)}`,
    `  Gr4vy SDK: new Gr4vy({ serverURL: '${cluster.url}', merchantAccountId: 'default',`,
    `             bearerAuth: withToken({ privateKey }) }), privateKey: the PEM of the key file's privateJwk`,
    '',
    'Ctrl-C stops everything, in reverse order.',
  ].join('\n');
}
