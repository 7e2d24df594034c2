import { metadataProblems, metadataRows, updateBody } from '../src/metadata-rows';

const row = (key: string, value: string, id = key) => ({ id, key, value });

describe('metadata rows', () => {
  it('accepts what the API keeps: up to 20 pairs, keys of 1–40 characters, values up to 500', () => {
    const rows = Array.from({ length: 20 }, (_, n) => row(`k${n}`.padEnd(40, 'x'), 'v'.repeat(500)));
    expect(metadataProblems('o'.repeat(200), rows).any).toBe(false);
  });

  it('names what the API would refuse', () => {
    const problems = metadataProblems('o'.repeat(201), [
      row('a', '1'),
      row('a', '2', 'second'),
      row('', 'orphan', 'third'),
      row('k'.repeat(41), 'v'.repeat(501)),
    ]);
    expect(problems.externalId).toBe('meta.externalIdTooLong');
    expect(problems.rows).toEqual([
      {},
      { key: 'meta.keyTwice' },
      { key: 'meta.keyEmpty' },
      { key: 'meta.keyTooLong', value: 'meta.valueTooLong' },
    ]);
    expect(
      metadataProblems(
        '',
        Array.from({ length: 21 }, (_, n) => row(`k${n}`, 'v')),
      ).count,
    ).toBe('meta.tooMany');
  });

  it('sends the whole map (rows with no key dropped) and clears an empty external identifier', () => {
    expect(updateBody('  ', [row(' shop ', 'tokyo'), row('', '')])).toEqual({
      external_identifier: null,
      metadata: { shop: 'tokyo' },
    });
    expect(metadataRows({ a: '1' })).toEqual([{ id: 'kept-0', key: 'a', value: '1' }]);
  });
});
