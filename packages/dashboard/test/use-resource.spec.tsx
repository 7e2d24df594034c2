/** @jest-environment jsdom */
import { type LiveResource, useResource } from '../src/use-resource';
import { type Rendered, settle, show } from './render';

/** Reads whose answers the test gives, one at a time, in any order. */
function pendingReads() {
  const calls: Array<{ input: string; answer(value: string): void; fail(error: Error): void }> = [];
  const load = (input: string) =>
    new Promise<string>((answer, fail) => {
      calls.push({ input, answer, fail });
    });
  return { calls, load };
}

let seen: LiveResource<string>;
let renders = 0;
function Probe(props: { input: string; load(input: string): Promise<string>; every?: number }) {
  seen = useResource(() => props.load(props.input), [props.input], props.every ? { every: props.every } : {});
  renders++;
  return <p>{seen.state}</p>;
}

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

const answered = async (call: { answer(value: string): void } | undefined, value: string) => {
  call?.answer(value);
  await settle();
};

describe('useResource: a view’s data read from the API', () => {
  it('is loading until the first answer, then ready with it', async () => {
    const reads = pendingReads();
    view = await show(<Probe input="a" load={reads.load} />);
    expect(seen).toMatchObject({ state: 'loading', data: null, error: null });
    expect(view.container.textContent).toBe('loading');

    await answered(reads.calls[0], 'answer a');
    expect(seen).toMatchObject({ state: 'ready', data: 'answer a', error: null });
  });

  it('says why a read failed, and reload reads again', async () => {
    const reads = pendingReads();
    view = await show(<Probe input="a" load={reads.load} />);
    reads.calls[0]?.fail(new Error('API down'));
    await settle();
    expect(seen).toMatchObject({ state: 'failed', data: null, error: new Error('API down') });

    const again = seen.reload();
    await answered(reads.calls[1], 'answer a');
    await again;
    expect(seen).toMatchObject({ state: 'ready', data: 'answer a', error: null });
  });

  it('keeps the last answer on screen when a later read fails', async () => {
    const reads = pendingReads();
    view = await show(<Probe input="a" load={reads.load} />);
    await answered(reads.calls[0], 'answer a');
    void seen.reload();
    reads.calls[1]?.fail(new Error('timeout'));
    await settle();
    expect(seen).toMatchObject({ state: 'failed', data: 'answer a', error: new Error('timeout') });
  });

  it('ignores an answer for inputs that changed while it was on its way', async () => {
    const reads = pendingReads();
    view = await show(<Probe input="a" load={reads.load} />);
    await view.rerender(<Probe input="b" load={reads.load} />);
    expect(reads.calls.map((call) => call.input)).toEqual(['a', 'b']);

    await answered(reads.calls[1], 'answer b');
    await answered(reads.calls[0], 'answer a');
    expect(seen).toMatchObject({ state: 'ready', data: 'answer b' });
  });

  it('ignores an older read that answers after a newer one', async () => {
    const reads = pendingReads();
    view = await show(<Probe input="a" load={reads.load} />);
    void seen.reload();
    await answered(reads.calls[1], 'newer');
    await answered(reads.calls[0], 'older');
    expect(seen.data).toBe('newer');
  });

  it('applies nothing once the view is closed', async () => {
    const reads = pendingReads();
    view = await show(<Probe input="a" load={reads.load} />);
    view.unmount();
    view = undefined;
    const before = renders;
    await answered(reads.calls[0], 'too late');
    expect(renders).toBe(before);
  });

  it('reads again on its own while visible, the last answer shown meanwhile (no loading flash)', async () => {
    const reads = pendingReads();
    view = await show(<Probe input="a" load={reads.load} every={5} />);
    await answered(reads.calls[0], 'first');
    while (reads.calls.length < 2) await settle();

    expect(seen).toMatchObject({ state: 'ready', data: 'first' });
    expect(view.container.textContent).toBe('ready');
    await answered(reads.calls[1], 'second');
    expect(seen).toMatchObject({ state: 'ready', data: 'second' });
  });
});
