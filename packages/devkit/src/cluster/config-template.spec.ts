import { renderTemplate } from './config-template';

describe('the deploy/ templates', () => {
  const values = { RUN_DIR: '/run/kessai', LISTEN_ADDR: '127.0.0.1', LISTEN_PORT: '6432' };

  it('PgBouncer: every placeholder filled, transaction pooling, no reset query', async () => {
    const ini = await renderTemplate('pgbouncer/pgbouncer.ini', {
      ...values,
      POSTGRES_HOST: '10.0.0.5',
      POSTGRES_PORT: '5432',
    });
    expect(ini).toContain('* = host=10.0.0.5 port=5432');
    expect(ini).toMatch(/^pool_mode = transaction$/m);
    expect(ini).toMatch(/^server_reset_query =$/m);
    expect(ini).toMatch(/^auth_file = \/run\/kessai\/userlist.txt$/m);
  });

  it('HAProxy: the servers where {{SERVERS}} stands, checked on /readyz', async () => {
    const cfg = await renderTemplate('haproxy/haproxy.cfg', {
      ...values,
      SERVERS: '    server api1 127.0.0.1:9001 check',
    });
    expect(cfg).toContain('    server api1 127.0.0.1:9001 check');
    expect(cfg).toContain('option httpchk GET /readyz');
    expect(cfg).toContain('bind 127.0.0.1:6432');
  });

  it('refuses to leave a placeholder unfilled', async () => {
    await expect(renderTemplate('haproxy/haproxy.cfg', values)).rejects.toThrow('no value for {{SERVERS}}');
  });
});
