import 'reflect-metadata';
import { Container, injectable } from 'inversify';

// Proves the toolchain choice (README "Toolchain"): inversify 8 is ESM-only, and this CommonJS jest run loads it
// through @swc/jest; swc's decorator metadata lets a decorated class resolve its constructor dependency.
describe('inversify 8 under jest', () => {
  it('resolves a factory-bound service with toResolvedValue (how the composition root wires the domain)', () => {
    const container = new Container();
    const greeting = Symbol('Greeting');
    const shout = Symbol('Shout');
    container.bind<string>(greeting).toConstantValue('konnichiwa');
    container.bind<() => string>(shout).toResolvedValue((g: string) => () => g.toUpperCase(), [greeting]);
    expect(container.get<() => string>(shout)()).toBe('KONNICHIWA');
  });

  it('resolves a decorated class through emitted constructor metadata', () => {
    @injectable()
    class Clock {
      now(): number {
        return 42;
      }
    }
    @injectable()
    class Service {
      constructor(readonly clock: Clock) {}
    }
    const container = new Container({ autobind: true });
    expect(container.get(Service).clock.now()).toBe(42);
  });
});
