// The dependency rule (DESIGN.md): dependencies point inward. The domain imports nothing but itself and a few
// pure Node built-ins; adapters never import the HTTP layer; nothing imports another package's private files.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-framework-free',
      comment: 'packages/domain may import only its own files and node:crypto (ids, hashing); no frameworks, no I/O.',
      severity: 'error',
      from: { path: '^packages/domain/src' },
      to: {
        pathNot: ['^packages/domain/src', '^crypto$', '^node:crypto$'],
      },
    },
    {
      name: 'adapters-do-not-import-http',
      severity: 'error',
      from: { path: '^packages/(adapters-[a-z]+|smartpay-sandbox)/src' },
      to: { path: '^packages/http/' },
    },
    {
      name: 'sandbox-is-standalone',
      comment: 'The sandbox imitates Smartpay; it must not know Kessai.',
      severity: 'error',
      from: { path: '^packages/smartpay-sandbox/src' },
      to: { path: '^packages/(domain|adapters-[a-z]+|http)/' },
    },
    {
      name: 'no-deep-imports-across-packages',
      comment:
        'Use a package through its public entries (@kessai/<name>, @kessai/domain/in-memory, @kessai/domain/testing).',
      severity: 'error',
      from: { path: '^packages/([^/]+)/src' },
      to: {
        path: '^packages/([^/]+)/',
        pathNot: [
          '^packages/$1/',
          '^packages/[^/]+/src/index\\.ts$',
          '^packages/domain/src/(in-memory|testing)/index\\.ts$',
        ],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['types', 'import', 'require', 'default'] },
  },
};
