import { randomBytes } from 'node:crypto';
import { KnexTransactionRepository } from '@kessai/adapters-postgres';
import { registerNewKey, signToken } from '@kessai/api';
import { authorizedTransaction, smartpayService } from '@kessai/domain/testing';
import { loadConfig, startRuntime, TOKENS } from '@kessai/server';
import Fastify from 'fastify';
import { InstantConnector } from './instant-connector';

/**
 * The servers `pnpm bench` measures, each in a process of its own so the load generator never shares their
 * event loop and their RSS is theirs alone. `api`: Kessai as `serve` runs it (PostgreSQL, worker on), except for
 * the instant in-process connector the capture benchmark calls for (`InstantConnector`); it seeds transactions and
 * prints what the bench needs as one JSON line (the API key's private JWK too: the token rows sign their own
 * tokens). `serve`: one more API process on the database an `api` process set up (migrated, key, service, seeded),
 * as `kessai serve` joins one, announcing only its port. `hello`: the Fastify hello-world baseline.
 */
async function main(mode: string | undefined): Promise<void> {
  if (mode === 'hello') {
    const app = Fastify();
    app.get('/', async () => ({ hello: 'world' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    announce({ port: typeof address === 'object' && address ? address.port : 0 });
    return;
  }
  const connector = new InstantConnector();
  const config = loadConfig({
    ...process.env,
    STORAGE: 'postgres',
    // Processes sharing one database share its key, or none could read the payment service another stored.
    KESSAI_ENCRYPTION_KEY: process.env.KESSAI_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
  });
  const runtime = await startRuntime(config, {
    smartpay: {
      connector,
      setup: {
        verify: async () => undefined,
        prepare: async () => ({ webhookSigningSecret: 'x', providerWebhookEndpointId: null }),
      },
    },
    migrations: mode === 'serve' ? 'require' : 'apply',
  });
  await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  process.once('SIGTERM', () => {
    runtime.stop().finally(() => process.exit(0));
  });
  const address = runtime.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  if (mode === 'serve') return announce({ port });
  const services = runtime.container.get(TOKENS.ApiServices);
  const keys = await registerNewKey(services.apiKeys, ['default']);
  const token = await signToken(keys.privateJwk, { scopes: ['*.read', '*.write'], expiresInSeconds: 3600 });
  const service = smartpayService({ merchantAccountId: 'default' });
  await services.paymentServices.add(service);
  const repository = new KnexTransactionRepository(runtime.postgres?.knex as never);
  const seed = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    const add = async () => {
      while (ids.length < count) {
        const tx = authorizedTransaction(new Date(), {
          merchantAccountId: 'default',
          amount: 99_999_999,
          paymentServiceId: service.id,
        });
        ids.push(tx.id);
        await repository.add(tx);
      }
    };
    await Promise.all(Array.from({ length: 4 }, add));
    return ids;
  };
  const ids = await seed(500);
  // Sets of their own for the comparisons with the plain endpoint and the token rows, untouched by earlier loads.
  const captureIds = await seed(Number(process.env.BENCH_CAPTURE_SET ?? 0));
  const readIds = await seed(Number(process.env.BENCH_READ_SET ?? 0));
  announce({
    port,
    token,
    privateJwk: keys.privateJwk,
    ids,
    captureIds,
    readIds,
    serviceId: service.id,
  });
}

function announce(info: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(info)}\n`);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
