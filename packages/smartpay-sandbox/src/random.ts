import { webcrypto } from 'node:crypto';

/** A source of uniformly distributed 32-bit unsigned integers. */
export interface RandomSource {
  nextUint32(): number;
}

/** sfc32: tiny, fast and good enough for ids and fault draws; only used when a seed asks for determinism. */
class SeededRandom implements RandomSource {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
}

class CryptoRandom implements RandomSource {
  private readonly pool = new Uint32Array(256);
  private index = this.pool.length;

  nextUint32(): number {
    if (this.index >= this.pool.length) {
      webcrypto.getRandomValues(this.pool);
      this.index = 0;
    }
    return this.pool[this.index++] ?? 0;
  }
}

function cyrb128(input: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** Independent streams per purpose, so e.g. a fault draw never shifts the ids that follow it. */
export function createRandom(seed: string | number | undefined, stream: string): RandomSource {
  return seed === undefined ? new CryptoRandom() : new SeededRandom(`${seed}/${stream}`);
}

/** Uniform characters by rejection sampling (a plain modulo would bias the first characters of the alphabet). */
export function randomString(random: RandomSource, alphabet: string, length: number): string {
  const bits = Math.ceil(Math.log2(alphabet.length));
  const mask = (1 << bits) - 1;
  let out = '';
  while (out.length < length) {
    const index = random.nextUint32() & mask;
    if (index < alphabet.length) out += alphabet[index];
  }
  return out;
}

/** A float in [0, 1). */
export function randomUnit(random: RandomSource): number {
  return random.nextUint32() / 2 ** 32;
}
