import { coalesced } from './coalesced';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced runs', () => {
  it('never overlaps itself, and runs once more for any number of calls made while it ran', async () => {
    let running = 0;
    let overlapped = false;
    const releases: Array<() => void> = [];
    const run = coalesced(async () => {
      running++;
      if (running > 1) overlapped = true;
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
    });
    const first = run();
    const later = [run(), run(), run()];
    await tick();
    expect(releases).toHaveLength(1);
    releases.shift()?.();
    await first;
    await tick();
    expect(releases).toHaveLength(1);
    releases.shift()?.();
    await Promise.all(later);
    expect(overlapped).toBe(false);
    expect(releases).toHaveLength(0);
  });

  it('settles each call with a run that started after it, and a failed run does not stop the next', async () => {
    const log: string[] = [];
    let fail = true;
    const run = coalesced(async () => {
      log.push('start');
      await tick();
      if (fail) {
        fail = false;
        throw new Error('boom');
      }
      log.push('done');
    });
    const first = run();
    const second = run();
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBeUndefined();
    expect(log).toEqual(['start', 'start', 'done']);
    await run();
    expect(log).toEqual(['start', 'start', 'done', 'start', 'done']);
  });
});
