import { generatePassword } from './dashboard-users';

describe('a generated password', () => {
  const passwords = Array.from({ length: 2000 }, () => generatePassword());

  it('is letters and digits only, so pasted into a shell or after a flag it is never read as an option', () => {
    for (const password of passwords) expect(password).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('never starts with a dash', () => {
    expect(passwords.filter((password) => password.startsWith('-'))).toEqual([]);
  });

  it('holds at least 120 random bits', () => {
    for (const password of passwords) expect(password.length * Math.log2(62)).toBeGreaterThanOrEqual(120);
  });

  it('is new each time', () => {
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
