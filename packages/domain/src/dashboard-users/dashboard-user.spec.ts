import { InvalidFieldError } from '../errors';
import { newDashboardUser, normaliseEmail, type PasswordHash, roleMayWrite } from './dashboard-user';
import { checkNewPassword, WeakPasswordError } from './password-policy';

const input = {
  id: 'u-1',
  merchantAccountId: 'default',
  email: 'ops@shop.example.jp',
  role: 'admin',
  passwordHash: 'x' as PasswordHash,
  createdAt: new Date('2026-03-01T00:00:00.000Z'),
};

describe('a dashboard user', () => {
  it('keeps its e-mail trimmed and lower-cased, the one sign-in name', () => {
    expect(newDashboardUser({ ...input, email: '  Ops@Shop.Example.JP ' }).email).toBe('ops@shop.example.jp');
    expect(normaliseEmail('A@B.JP')).toBe(normaliseEmail(' a@b.jp'));
  });

  it.each(['', 'ops', 'ops@', '@shop.jp', 'ops@shop', 'o ps@shop.jp', `${'a'.repeat(250)}@shop.jp`])(
    'refuses the e-mail %j naming /email',
    (email) => {
      expect(() => newDashboardUser({ ...input, email })).toThrow(InvalidFieldError);
      try {
        newDashboardUser({ ...input, email });
      } catch (error) {
        expect((error as InvalidFieldError).field).toBe('/email');
      }
    },
  );

  it('has the role admin or viewer, nothing else', () => {
    expect(newDashboardUser({ ...input, role: 'viewer' }).role).toBe('viewer');
    expect(() => newDashboardUser({ ...input, role: 'owner' })).toThrow(/role must be one of admin, viewer/);
  });

  it('belongs to a merchant account with a valid id', () => {
    expect(() => newDashboardUser({ ...input, merchantAccountId: 'no spaces' })).toThrow(InvalidFieldError);
  });

  it('lets an admin write and a viewer only read', () => {
    expect(roleMayWrite('admin')).toBe(true);
    expect(roleMayWrite('viewer')).toBe(false);
  });
});

describe('a new password', () => {
  it('is at least 12 characters (counted as characters, not UTF-16 units) and at most 256', () => {
    expect(() => checkNewPassword('correct horse')).not.toThrow();
    expect(() => checkNewPassword('short-pass1')).toThrow(WeakPasswordError);
    expect(() => checkNewPassword('😀😀😀😀😀😀a')).toThrow(WeakPasswordError);
    expect(() => checkNewPassword('x'.repeat(120) + 'abc'.repeat(50))).toThrow(/at most 256/);
  });

  it('is not one or two characters repeated', () => {
    expect(() => checkNewPassword('abababababababab')).toThrow(/repeat/);
  });

  it.each([
    'password1234',
    'Password123!',
    'qwertyuiop12',
    'P@ssw0rd2024',
    '1q2w3e4r5t6y',
    'iloveyou1234',
    '!!Sunshine99',
  ])('is not a common password: %j', (password) => {
    expect(() => checkNewPassword(password)).toThrow(/most common/);
  });

  it('does not contain the service’s name or the user’s own e-mail or its local part', () => {
    const email = 'taro.yamada@shop.example.jp';
    for (const password of ['kessai-dashboard', 'K3ssai for the shop', email, 'taro.yamada2026', 'yamada-san-1234'])
      expect(() => checkNewPassword(password, { email })).toThrow(/e-mail address or the service/);
    expect(() => checkNewPassword('taro.yamada2026')).not.toThrow();
  });

  it('takes passphrases that merely contain a common word', () => {
    for (const password of ['correct horse battery staple', 'dragon fruit at midnight', 'a long enough passphrase'])
      expect(() => checkNewPassword(password, { email: 'ops@shop.example.jp' })).not.toThrow();
  });
});
