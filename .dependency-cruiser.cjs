// The dependency rule (DESIGN.md): dependencies point inward, and what ships never depends on what only develops or
// tests it. Tests and test kits are held to it too (spec files, `testing/` folders, the dashboard's test/).
// `tsconfig.deps.json` resolves every @kessai/* import to its package's source entry, so edges between packages are
// seen.
const tests = '(\\.spec\\.tsx?$|-harness\\.ts$|/testing/|^packages/(dashboard|embed)/test/)';
const production = '^packages/(domain|adapters-[a-z]+|api|server)/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-framework-free',
      comment: 'packages/domain may import only its own files and node:crypto (ids, hashing); no frameworks, no I/O.',
      severity: 'error',
      from: { path: '^packages/domain/src' },
      to: { pathNot: ['^packages/domain/src', '^crypto$', '^node:crypto$'] },
    },
    {
      name: 'adapters-do-not-import-the-application',
      comment: 'Adapters implement domain ports; the HTTP API, the application and the dev tools sit outside them.',
      severity: 'error',
      from: { path: '^packages/(adapters-[a-z]+|smartpay-sandbox)/' },
      to: { path: '^packages/(api|server|devkit|bench|dashboard|embed)/' },
    },
    {
      name: 'api-is-an-adapter',
      comment: 'The HTTP API translates requests into use cases; it neither wires storage nor knows a connector.',
      severity: 'error',
      from: { path: '^packages/api/src/', pathNot: tests },
      to: { path: '^packages/(adapters-[a-z]+|server|devkit|bench|smartpay-sandbox)/' },
    },
    {
      name: 'sandbox-is-standalone',
      comment: 'The sandbox imitates Smartpay; it must not know Kessai.',
      severity: 'error',
      from: { path: '^packages/smartpay-sandbox/' },
      to: { path: '^packages/(domain|adapters-[a-z]+|api|server|devkit|bench)/' },
    },
    {
      name: 'embed-is-standalone',
      comment: 'The embed runs on merchants’ pages as one small script: it talks to Kessai over HTTP only.',
      severity: 'error',
      from: { path: '^packages/embed/src/' },
      to: { pathNot: '^packages/embed/src/' },
    },
    {
      name: 'what-ships-never-imports-dev-or-test-code',
      comment: 'No production package depends on the devkit, the benchmarks, the sandbox or a testing/ folder.',
      severity: 'error',
      from: { path: production, pathNot: tests },
      to: { path: ['^packages/(devkit|bench|smartpay-sandbox|dashboard|embed)/', '/testing/'] },
    },
    {
      name: 'only-the-devkit-starts-kessai',
      comment: 'A test that needs a running Kessai asks the devkit; the benchmarks are never a test dependency.',
      severity: 'error',
      from: { path: tests },
      to: { path: '^packages/bench/' },
    },
    {
      name: 'no-deep-imports-across-packages',
      comment:
        'Use a package through its public entries (@kessai/<name>, @kessai/domain/in-memory, @kessai/domain/testing, @kessai/adapters-postgres/testing, @kessai/adapters-postgres/sql, @kessai/devkit/chromium).',
      severity: 'error',
      from: { path: '^packages/([^/]+)/' },
      to: {
        path: '^packages/([^/]+)/',
        pathNot: [
          '^packages/$1/',
          '^packages/[^/]+/src/index\\.ts$',
          '^packages/domain/src/(in-memory|testing)/index\\.ts$',
          '^packages/adapters-postgres/src/(testing/index|sql)\\.ts$',
          '^packages/devkit/src/testing/chromium\\.ts$',
        ],
      },
    },
    {
      name: 'no-relative-imports-across-packages',
      comment:
        'Another package is reached by its name (@kessai/<name>), which its package.json declares; never by a path.',
      severity: 'error',
      from: { path: '^packages/([^/]+)/' },
      to: { path: '^packages/([^/]+)/', pathNot: '^packages/$1/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'imports-are-declared',
      comment:
        'Every package, its tests included, declares in its package.json what it imports (pnpm resolves nothing else).',
      severity: 'error',
      from: { path: '^packages/' },
      to: { couldNotResolve: true },
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
    tsConfig: { fileName: 'tsconfig.deps.json' },
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['types', 'import', 'require', 'default'] },
  },
};
