#!/usr/bin/env node
// `pnpm pack:check`, after a build (`tsc -b`): what a platform team installs works. Packs every publishable
// package, checks each tarball holds only the compiled library (no specs, maps or build info) with its README,
// LICENSE and CHANGELOG, installs the tarballs with npm into an empty project (their dependencies come from the
// registry), loads every export entry there with require() and import(), type-checks every entry and the root
// README's embedding example (between its `embedding-example` markers) against the packed declarations, and runs
// the example once as ESM and once as CommonJS. Each step prints its time.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** The publishable packages, by folder under packages/: a new one is published by adding it here. */
const PUBLISHABLE = ['domain', 'adapters-postgres', 'adapters-smartpay', 'api'];

const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'kessai-pack-check-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');
const started = Date.now();

function step(name, action) {
  const at = Date.now();
  process.stdout.write(`== ${name}\n`);
  const result = action();
  process.stdout.write(`== ${name}: ${((Date.now() - at) / 1000).toFixed(1)}s\n`);
  return result;
}

function fail(message) {
  process.stderr.write(`pack-check: ${message}\n(work files kept in ${work})\n`);
  process.exit(1);
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    fail(`${command} ${args.join(' ')} failed (exit ${result.status})\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  return result.stdout;
}

/** The README's embedding example: the one code block between the markers. */
function embeddingExample() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const found = /<!-- embedding-example:start -->\s*```js\n([\s\S]*?)```\s*<!-- embedding-example:end -->/.exec(readme);
  if (!found) fail('README.md has no ```js block between <!-- embedding-example:start --> and :end -->');
  return found[1];
}

/** The same program as CommonJS: each named import becomes a require(). */
function asCommonJs(source) {
  const converted = source.replace(
    /^import\s*\{([^}]*)\}\s*from\s*('[^']+');$/gm,
    (_, names, from) => `const {${names}} = require(${from});`,
  );
  if (/^import\s/m.test(converted)) fail('the embedding example may use only named imports (`import { … } from`)');
  return converted;
}

/** Every export entry of a package (its `exports` keys), as specifiers: `@kessai/domain/in-memory`. */
function entriesOf(manifest) {
  return Object.keys(manifest.exports).map((key) => manifest.name + key.slice(1));
}

function checkTarball(file, folder) {
  const listed = run('tar', ['tzf', file]).split('\n').filter(Boolean);
  const files = listed.map((path) => path.replace(/^package\//, ''));
  const stray = files.filter((path) => /\.spec\.|\.map$|\.tsbuildinfo$/.test(path));
  if (stray.length > 0) {
    fail(`${folder}: the tarball holds ${stray.join(', ')} (left by an older build? remove its dist, run tsc -b)`);
  }
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (!files.includes(needed)) fail(`${folder}: the tarball has no ${needed}`);
  }
  const manifest = JSON.parse(run('tar', ['xzf', file, '-O', 'package/package.json']));
  if (manifest.private) fail(`${folder}: the package is private`);
  if (JSON.stringify(manifest).includes('workspace:')) fail(`${folder}: the packed manifest names a workspace: range`);
  for (const [entry, targets] of Object.entries(manifest.exports)) {
    if (!targets.types) fail(`${folder}: export "${entry}" has no types`);
    for (const target of Object.values(targets)) {
      if (!files.includes(target.replace(/^\.\//, '')))
        fail(`${folder}: export "${entry}" points at missing ${target}`);
    }
  }
  const license = readFileSync(join(root, 'packages', folder, 'LICENSE'), 'utf8');
  if (license !== readFileSync(join(root, 'LICENSE'), 'utf8')) fail(`${folder}: LICENSE differs from the root's`);
  process.stdout.write(`${manifest.name}: ${files.length} files\n`);
  return manifest;
}

const manifests = step('pack', () => {
  mkdirSync(tarballs);
  return PUBLISHABLE.map((folder) => {
    const dir = join(root, 'packages', folder);
    if (!existsSync(join(dir, 'dist', 'index.js'))) fail(`packages/${folder} is not built: run \`tsc -b\` first`);
    const packed = JSON.parse(run('pnpm', ['pack', '--json', '--pack-destination', tarballs], { cwd: dir }));
    return { ...checkTarball(packed.filename, folder), tarball: packed.filename };
  });
});

step('install the tarballs into an empty project (npm)', () => {
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'pack-check', private: true }, null, 2)}\n`);
  // Install scripts are not run: nothing here starts the embedded PostgreSQL they prepare.
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', ...manifests.map((m) => m.tarball)];
  process.stdout.write(run('npm', args, { cwd: project }));
  // What runs below must be the tarballs, not a published version one of them depends on.
  const installed = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')).packages;
  for (const { name } of manifests) {
    const copies = Object.keys(installed).filter((path) => path.endsWith(`node_modules/${name}`));
    if (copies.length !== 1 || !installed[copies[0]].resolved.startsWith('file:')) {
      fail(`${name} was installed as ${copies.map((path) => `${path} (${installed[path].resolved})`).join(', ')}`);
    }
  }
});

step('load every export entry (require and import)', () => {
  const entries = manifests.flatMap(entriesOf);
  const list = JSON.stringify(entries);
  run(process.execPath, ['-e', `for (const entry of ${list}) require(entry);`], { cwd: project });
  run(process.execPath, ['--input-type=module', '-e', `for (const entry of ${list}) await import(entry);`], {
    cwd: project,
  });
  process.stdout.write(`${entries.join(', ')}\n`);
});

const example = embeddingExample();

step('type-check every entry and the example against the packed types (tsc)', () => {
  const imports = manifests.flatMap(entriesOf).map((entry, i) => `import * as entry${i} from '${entry}';\n`);
  writeFileSync(join(project, 'entries.mts'), imports.join(''));
  writeFileSync(join(project, 'embedding-example.mjs'), example);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const options = ['--noEmit', '--strict', '--allowJs', '--checkJs', '--target', 'es2022'];
  const resolution = ['--module', 'nodenext', '--moduleResolution', 'nodenext'];
  const types = ['--types', 'node', '--typeRoots', join(root, 'node_modules', '@types')];
  run(process.execPath, [tsc, ...options, ...resolution, ...types, 'entries.mts', 'embedding-example.mjs'], {
    cwd: project,
  });
});

const outputs = ['mjs', 'cjs'].map((extension) =>
  step(`the README's embedding example (${extension === 'mjs' ? 'ESM' : 'CommonJS'})`, () => {
    const file = join(project, `embedding-example.${extension}`);
    writeFileSync(file, extension === 'mjs' ? example : asCommonJs(example));
    const output = run(process.execPath, [file], { cwd: project });
    process.stdout.write(output);
    return output;
  }),
);
if (outputs[0] !== outputs[1]) fail('the example printed differently as ESM and as CommonJS');

rmSync(work, { recursive: true, force: true });
process.stdout.write(
  `== pack-check passed in ${((Date.now() - started) / 1000).toFixed(1)}s (node ${process.version})\n`,
);
