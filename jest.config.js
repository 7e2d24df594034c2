// One root config, one jest project per package. TypeScript is compiled by @swc/jest (ts-jest does not support
// TypeScript 7, and swc is much faster); swc emits CommonJS with legacy decorators + decorator metadata.
// inversify 8 (and jose 6, and cookie 2 under Fastify's inject) ship as ESM only, so they are let through the transform instead of being ignored;
// with pnpm they live under node_modules/.pnpm/<name>@<ver>/node_modules/<name>, hence both path shapes.
const esmOnly = ['inversify', '@inversifyjs', 'jose', 'cookie'];
const esmPattern = esmOnly.map((n) => n.replace('/', '\\+')).join('|');
const esmNested = esmOnly.join('|');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// The dashboard's component specs are TSX rendered by Preact: JSX through Preact's automatic runtime. Only *.tsx is
// parsed as TSX (in a .ts file `<T>value` is a type assertion).
const swcTsx = [
  '@swc/jest',
  {
    ...swc[1],
    jsc: {
      ...swc[1].jsc,
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: { ...swc[1].jsc.transform, react: { runtime: 'automatic', importSource: 'preact' } },
    },
  },
];

const packages = ['domain', 'smartpay-sandbox', 'adapters-smartpay', 'adapters-postgres', 'api', 'server', 'devkit'];

// The dashboard's component specs choose the jsdom environment in their docblock; jsdom resolves packages by their
// `browser` export, which for Preact is ESM, so the dashboard resolves as Node does.
const dashboard = {
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  transform: { '^.+\\.tsx$': swcTsx, '^.+\\.(t|j|mj)s$': swc },
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
};

/** @type {import('jest').Config} */
module.exports = {
  // A real PostgreSQL for the *.int.spec.ts files (needs `tsc -b` first: `pnpm test` does that).
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  globalTeardown: '<rootDir>/scripts/jest-global-teardown.js',
  projects: [...packages, 'dashboard', 'embed'].map((name) => ({
    displayName: name,
    rootDir: `<rootDir>/packages/${name}`,
    testEnvironment: 'node',
    // The dashboard's and the embed's tests live beside their UI sources, in test/: browser tests run in Node and
    // drive Chromium, component specs render in jsdom.
    roots: [name === 'dashboard' || name === 'embed' ? '<rootDir>/test' : '<rootDir>/src'],
    ...(name === 'dashboard' || name === 'embed'
      ? dashboard
      : { testMatch: ['**/*.spec.ts'], transform: { '^.+\\.(t|j|mj)s$': swc } }),
    transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/(${esmPattern})|${esmNested}))`],
    ...(name === 'devkit' || name === 'dashboard'
      ? { setupFilesAfterEnv: ['<rootDir>/../../scripts/jest-slow-tier-timeout.js'] }
      : {}),
    moduleNameMapper: {
      '^@kessai/domain/testing$': '<rootDir>/../domain/src/testing/index.ts',
      '^@kessai/domain/in-memory$': '<rootDir>/../domain/src/in-memory/index.ts',
      '^@kessai/adapters-postgres/testing$': '<rootDir>/../adapters-postgres/src/testing/index.ts',
      '^@kessai/adapters-postgres/sql$': '<rootDir>/../adapters-postgres/src/sql.ts',
      '^@kessai/devkit/chromium$': '<rootDir>/../devkit/src/testing/chromium.ts',
      '^@kessai/([a-z-]+)$': '<rootDir>/../$1/src/index.ts',
    },
  })),
};
