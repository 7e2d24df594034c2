import { PasswordCheckBusyError } from '@kessai/domain';
import { PasswordCheckSlots } from './password-check-slots';

const gate = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
};

describe('password check slots', () => {
  it('runs one at a time, queues up to the limit in order, and refuses one more at once', async () => {
    const slots = new PasswordCheckSlots({ running: 1, waiting: 2 });
    const first = gate();
    const order: string[] = [];
    const job = (name: string, wait: Promise<void> = Promise.resolve()) =>
      slots.run(async () => {
        order.push(`start ${name}`);
        await wait;
        order.push(`end ${name}`);
        return name;
      });
    const running = [job('a', first.opened), job('b'), job('c')];
    await expect(job('d')).rejects.toBeInstanceOf(PasswordCheckBusyError);
    expect(order).toEqual(['start a']);
    first.open();
    expect(await Promise.all(running)).toEqual(['a', 'b', 'c']);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(await job('e')).toBe('e');
  });

  it('frees the slot when a job fails', async () => {
    const slots = new PasswordCheckSlots({ running: 1, waiting: 0 });
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});
