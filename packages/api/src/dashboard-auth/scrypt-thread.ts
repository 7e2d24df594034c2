import type { ScryptOptions } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The thread's code, as source: it runs from src under jest as from dist. On Linux it lowers its own thread's
 * priority (nice 10, no privilege needed), so the kernel runs the event loop and libuv's threads
 * (ES512 token checks) first whenever they compete with a password hash for a core.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, 10);
} catch {}
parentPort.on('message', ({ id, password, salt, keyLength, options }) => {
  try {
    parentPort.postMessage({ id, key: scryptSync(password, salt, keyLength, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
  }
});
`;

interface Answer {
  id: number;
  key?: Uint8Array;
  error?: string;
}

/**
 * scrypt on one thread of its own at a low priority (nice 10), instead of libuv's four-thread pool at normal priority:
 * a flood of sign-ins then takes mostly what CPU the API's requests leave. Started on first use; it keeps the
 * process alive only while a hash is pending.
 */
export class ScryptThread {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(key: Buffer): void; reject(error: Error): void }>();

  derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const thread = this.thread();
      // Held while a hash is pending (a CLI awaits it), let go when idle (it never keeps a server from exiting).
      thread.ref();
      thread.postMessage({ id, password, salt, keyLength, options });
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if (answer.key) waiting?.resolve(Buffer.from(answer.key));
      else waiting?.reject(new Error(answer.error ?? 'scrypt failed'));
    });
    // A thread that died takes its pending hashes with it; the next hash starts a new one.
    const fail = (error: Error) => {
      this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the scrypt thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
