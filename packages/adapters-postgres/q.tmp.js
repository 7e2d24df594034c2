const { Client } = require('pg');
(async () => {
  const c = new Client({ host: '127.0.0.1', port: 5499, user: 'kessai', password: 'kessai-local', database: process.env.DB });
  await c.connect();
  const r = await c.query(process.argv[2]);
  for (const row of r.rows) console.log(Object.values(row).join(' | '));
  await c.end();
})();
