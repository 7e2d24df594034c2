import { mkdir, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@kessai/adapters-postgres';
import { HAPROXY } from './cluster-binaries';
import { renderTemplate } from './config-template';
import { type SupervisedProcess, spawnSupervised, waitFor } from './supervised-process';

export interface BalancedServer {
  name: string;
  port: number;
}

export interface RunningHaproxy {
  url: string;
  port: number;
  /** HAProxy's admin socket (`show stat`, `disable server`…). */
  adminSocket: string;
  process: SupervisedProcess;
  /** What HAProxy's health checks say of each server now ("UP", "DOWN", "UP 1/2", "MAINT"…). */
  serverStatus(): Promise<Record<string, string>>;
  /** Until HAProxy's checks have put `name` back in rotation (`rise` checks passed). */
  waitUntilUp(name: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** HAProxy (deploy/haproxy/haproxy.cfg) on `port` in front of `servers`, its admin socket in `runDir`. */
export async function startHaproxy(options: {
  port?: number;
  servers: readonly BalancedServer[];
  runDir: string;
  logFile: string;
}): Promise<RunningHaproxy> {
  const port = options.port ?? (await freePort());
  await mkdir(options.runDir, { recursive: true, mode: 0o700 });
  const cfg = join(options.runDir, 'haproxy.cfg');
  const socket = join(options.runDir, 'haproxy.sock');
  const servers = options.servers.map((s) => `    server ${s.name} 127.0.0.1:${s.port} check`).join('\n');
  await writeFile(
    cfg,
    await renderTemplate('haproxy/haproxy.cfg', {
      RUN_DIR: options.runDir,
      LISTEN_ADDR: '127.0.0.1',
      LISTEN_PORT: String(port),
      SERVERS: servers,
    }),
    { mode: 0o600 },
  );
  // -db: in the foreground, as a child of the cluster.
  const haproxy = spawnSupervised(HAPROXY, ['-db', '-f', cfg], { logFile: options.logFile });
  const serverStatus = async () => parseStatus(await adminCommand(socket, 'show stat'));
  const waitUntilUp = (name: string, timeoutMs = 15_000) =>
    waitFor(`HAProxy putting ${name} in rotation`, async () => (await serverStatus())[name] === 'UP', {
      process: haproxy,
      timeoutMs,
      logFile: options.logFile,
    });
  for (const server of options.servers) await waitUntilUp(server.name);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    adminSocket: socket,
    process: haproxy,
    serverStatus,
    waitUntilUp,
    // SIGUSR1 is HAProxy's soft stop: it stops listening and lets the requests in flight finish.
    stop: () => haproxy.stop('SIGUSR1', 3_000),
  };
}

function adminCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const connection = createConnection(socket, () => connection.end(`${command}\n`));
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => {
      answer += chunk;
    });
    connection.once('error', reject);
    connection.once('close', () => resolve(answer));
  });
}

/** `show stat` is CSV with a `# pxname,svname,…,status,…` header; the backend's own row is named BACKEND. */
function parseStatus(csv: string): Record<string, string> {
  const [header = '', ...rows] = csv.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const name = columns.indexOf('svname');
  const status = columns.indexOf('status');
  const result: Record<string, string> = {};
  for (const row of rows) {
    const cells = row.split(',');
    const server = cells[name];
    if (cells[0] === 'kessai_api' && server && server !== 'BACKEND') result[server] = cells[status] ?? '';
  }
  return result;
}
