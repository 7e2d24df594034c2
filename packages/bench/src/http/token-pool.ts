import { createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JWK } from 'jose';

/** Signs batches of distinct SDK tokens ahead of a round, on worker threads of the load process. */
export class TokenSigner {
  private readonly workers: Worker[];
  /** Tokens per second of the last batch of 100 or more (unknown before). */
  rate = Number.POSITIVE_INFINITY;

  constructor(privateJwk: JWK, threads = 2) {
    const privateKey = createPrivateKey({ key: privateJwk as never, format: 'jwk' })
      .export({ format: 'pem', type: 'pkcs8' })
      .toString();
    this.workers = Array.from(
      { length: threads },
      () => new Worker(join(__dirname, 'token-signer.js'), { workerData: { privateKey } }),
    );
  }

  /**
   * `count` tokens, oldest first, or fewer if signing them would take more than `budgetSeconds` (the machine may be
   * slower than at the last batch); and how long signing took (s).
   */
  async sign(count: number, budgetSeconds = Number.POSITIVE_INFINITY): Promise<{ tokens: string[]; seconds: number }> {
    const started = Date.now();
    const elapsed = () => (Date.now() - started) / 1000;
    const tokens: string[] = [];
    while (tokens.length < count && elapsed() < budgetSeconds) {
      const share = Math.ceil(Math.min(count - tokens.length, 200 * this.workers.length) / this.workers.length);
      const batches = await Promise.all(this.workers.map((worker) => signOn(worker, share)));
      for (let n = 0; n < share; n++) for (const batch of batches) if (batch[n]) tokens.push(batch[n] as string);
    }
    const seconds = elapsed();
    if (tokens.length >= 100) this.rate = tokens.length / Math.max(seconds, 0.001);
    return { tokens: tokens.slice(0, count), seconds };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function signOn(worker: Worker, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    worker.once('error', fail);
    worker.once('message', (batch: string[]) => {
      worker.off('error', fail);
      resolve(batch);
    });
    worker.postMessage(count);
  });
}
