import { type Lifecycle, startAll, stopAll, stopOnly } from './lifecycle';

function recording(name: string, log: string[], fails: { start?: boolean; stop?: boolean } = {}): Lifecycle {
  return {
    async start() {
      if (fails.start) throw new Error(`${name} cannot start`);
      log.push(`start ${name}`);
    },
    async stop() {
      if (fails.stop) throw new Error(`${name} cannot stop`);
      log.push(`stop ${name}`);
    },
  };
}

describe('lifecycle', () => {
  it('starts the parts in list order and stops them in reverse', async () => {
    const log: string[] = [];
    const parts = ['database', 'worker', 'kick'].map((name) => recording(name, log));
    await startAll(parts);
    await stopAll(parts);
    expect(log).toEqual(['start database', 'start worker', 'start kick', 'stop kick', 'stop worker', 'stop database']);
  });

  it('keeps stopping the rest when one part fails to stop, then throws that failure', async () => {
    const log: string[] = [];
    const parts = [recording('database', log), recording('worker', log, { stop: true }), recording('kick', log)];
    await expect(stopAll(parts)).rejects.toThrow('worker cannot stop');
    expect(log).toEqual(['stop kick', 'stop database']);
  });

  it('throws every failure when several parts fail to stop', async () => {
    const log: string[] = [];
    const parts = [recording('a', log, { stop: true }), recording('b', log), recording('c', log, { stop: true })];
    const failure = await stopAll(parts).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).errors.map((error: Error) => error.message)).toEqual([
      'c cannot stop',
      'a cannot stop',
    ]);
    expect(log).toEqual(['stop b']);
  });

  it('stops what already started when a later part fails to start, and throws the start failure', async () => {
    const log: string[] = [];
    const parts = [recording('database', log), recording('worker', log, { start: true }), recording('kick', log)];
    await expect(startAll(parts)).rejects.toThrow('worker cannot start');
    expect(log).toEqual(['start database', 'stop database']);
  });

  it('stopOnly starts as a no-op and stops with the given function', async () => {
    const log: string[] = [];
    const part = stopOnly(async () => {
      log.push('closed');
    });
    await part.start();
    expect(log).toEqual([]);
    await part.stop();
    expect(log).toEqual(['closed']);
  });
});
