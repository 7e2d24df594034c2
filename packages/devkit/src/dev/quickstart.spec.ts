import { renderQuickstart } from './quickstart';

const input = {
  apiUrl: 'http://127.0.0.1:8080',
  token: 'token',
  keyFile: '/k/.data/keys/default.json',
  dataDir: '/k/.data',
  sandboxUrl: null,
};
const dataLine = (text: string) => text.split('\n').find((line) => line.trimStart().startsWith('Data'));

describe('the quickstart’s data line', () => {
  it('with the embedded database, says the data directory holds it and how to wipe it', () => {
    expect(dataLine(renderQuickstart(input))).toBe(
      '  Data       /k/.data (database, sandbox state, keys; wipe with: pnpm start -- --reset)',
    );
  });

  it('with DATABASE_URL, says the database is elsewhere and that no reset wipes it', () => {
    expect(dataLine(renderQuickstart({ ...input, externalDatabase: true }))).toBe(
      "  Data       /k/.data (sandbox state, keys); the database is DATABASE_URL's, which no reset wipes",
    );
  });
});
