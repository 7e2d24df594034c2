import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from './server';
import { Client, createCheckout, newKey, type OrderBody, type PaymentBody, type RefundBody } from './test-helpers';

const cli = join(__dirname, '../dist/cli.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The sandbox as its own OS process (its CLI), so a test can kill -9 it. */
async function sandboxProcess(port: number, stateFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, '--port', String(port), '--state-file', stateFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return child;
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('sandbox state in a state file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-state-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a kill -9 loses no order, payment, refund, webhook endpoint or idempotent answer; old approval URLs work', async () => {
    const port = await freePort();
    const stateFile = join(dir, 'kill.json');
    const c = new Client(`http://127.0.0.1:${port}/v1`, newKey());
    let child = await sandboxProcess(port, stateFile);
    const endpoint = await c.post<{ id: string; signingSecret: string }>('/webhook-endpoints', {
      url: 'http://127.0.0.1:9/hooks',
      eventSubscriptions: ['order.authorized'],
    });
    const paid = await createCheckout(c, { captureMethod: 'manual' });
    const approved = await fetch(`${paid.url}/approve`, { method: 'POST', redirect: 'manual' });
    expect(approved.status).toBe(303);
    const payment = await c.post<PaymentBody>(
      '/payments',
      { order: paid.order.id, amount: 600, currency: 'JPY' },
      { 'Idempotency-Key': 'capture-1' },
    );
    const refund = await c.post<RefundBody>('/refunds', {
      payment: payment.body.id,
      amount: 100,
      currency: 'JPY',
      reason: 'requested_by_customer',
    });
    const pending = await createCheckout(c, { captureMethod: 'manual' });
    const before = (await c.get<OrderBody>(`/orders/${paid.order.id}`)).body;
    await killHard(child);

    child = await sandboxProcess(port, stateFile);
    try {
      expect((await c.get<OrderBody>(`/orders/${paid.order.id}`)).body).toEqual(before);
      expect(before.payments).toEqual([payment.body.id]);
      expect((await c.get<RefundBody>(`/refunds/${refund.body.id}`)).body).toMatchObject({ amount: 100 });
      expect((await c.get<{ signingSecret: string }>(`/webhook-endpoints/${endpoint.body.id}`)).body).toMatchObject({
        signingSecret: endpoint.body.signingSecret,
      });
      const replay = await c.post(
        '/payments',
        { order: paid.order.id, amount: 600, currency: 'JPY' },
        { 'Idempotency-Key': 'capture-1' },
      );
      expect(replay.headers.get('idempotency-replayed')).toBe('true');
      expect(replay.body).toMatchObject({ id: payment.body.id });
      // The approval URL handed out before the restart still opens and still approves.
      expect((await fetch(pending.url)).status).toBe(200);
      expect((await fetch(`${pending.url}/approve`, { method: 'POST', redirect: 'manual' })).status).toBe(303);
      expect((await c.get<OrderBody>(`/orders/${pending.order.id}`)).body.status).toBe('requires_capture');
    } finally {
      await killHard(child);
    }
  }, 60_000);

  it('programmatic control calls are saved too; without a state file nothing is written', async () => {
    const stateFile = join(dir, 'control.json');
    const key = newKey();
    let sandbox = await startSandbox({ stateFile });
    const session = await createCheckout(new Client(sandbox.apiBase, key), { captureMethod: 'manual' });
    sandbox.control.approve(session.id);
    await sandbox.stop();
    sandbox = await startSandbox({ stateFile });
    try {
      const order = await new Client(sandbox.apiBase, key).get<OrderBody>(`/orders/${session.order.id}`);
      expect(order.body.status).toBe('requires_capture');
    } finally {
      await sandbox.stop();
    }
    const memory = await startSandbox();
    try {
      expect((await new Client(memory.apiBase, key).get(`/orders/${session.order.id}`)).status).toBe(404);
    } finally {
      await memory.stop();
    }
  });
});
