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

  /** `count` tokens, oldest first (the threads' batches interleaved), and how long signing them took (s). */
  async sign(count: number): Promise<{ tokens: string[]; seconds: number }> {
    const started = Date.now();
    const share = Math.ceil(count / this.workers.length);
    const batches = await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<string[]>((resolve, reject) => {
            const fail = (error: Error) => reject(error);
            worker.once('error', fail);
            worker.once('message', (batch: string[]) => {
              worker.off('error', fail);
              resolve(batch);
            });
            worker.postMessage(share);
          }),
      ),
    );
    const tokens: string[] = [];
    for (let n = 0; n < share; n++) for (const batch of batches) if (batch[n]) tokens.push(batch[n] as string);
    const seconds = (Date.now() - started) / 1000;
    if (count >= 100) this.rate = count / Math.max(seconds, 0.001);
    return { tokens: tokens.slice(0, count), seconds };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
