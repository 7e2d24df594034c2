import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      STORAGE: 'postgres',
      LOG_LEVEL: 'info',
      RUN_WORKER: true,
    });
  });

  it('names every bad value at once, clearly', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        STORAGE: 'mysql',
        DATABASE_URL: 'mysql://x',
        SMARTPAY_SECRET_KEY: 'pk_test_1',
        KESSAI_ENCRYPTION_KEY: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const field of ['PORT', 'STORAGE', 'DATABASE_URL', 'SMARTPAY_SECRET_KEY', 'KESSAI_ENCRYPTION_KEY'])
      expect(problems).toContain(field);
    expect(problems).toMatch(/sk_test_… or sk_live_…/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(8080);
  });
});
