import { createHash, randomUUID } from 'node:crypto';
import type { IdGenerator } from './id-generator';

/** Random v4 UUIDs, and name-based v5-style UUIDs (SHA-1 of namespace + name) for derived ids. */
export class RandomIdGenerator implements IdGenerator {
  uuid(): string {
    return randomUUID();
  }

  derive(namespace: string, name: string): string {
    const bytes = createHash('sha1').update(namespace).update('\u0000').update(name).digest().subarray(0, 16);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
