import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Row } from '../http/row';

/**
 * What a merchant's page downloads for the embed: `embed.js` built now from the embed's sources, gzipped (level 9,
 * as a server or CDN compresses a static file), against Preact's own minified runtime gzipped the same way, the
 * smallest UI library the embed could have been written with.
 */
export async function embedBundleRow(): Promise<Row> {
  const embedDir = dirname(require.resolve('@kessai/embed/package.json'));
  const build = spawnSync(
    process.execPath,
    [join(embedDir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: embedDir,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error(`building the embed failed (exit ${build.status})`);
  const gzipped = async (file: string) => gzipSync(await readFile(file), { level: 9 }).length;
  const embed = await gzipped(join(embedDir, 'dist', 'embed.js'));
  // preact.min.js is not among Preact's exports: it sits beside its main file.
  const preact = await gzipped(join(dirname(require.resolve('preact')), 'preact.min.js'));
  console.log(`  embed.js: ${embed} bytes gzipped; Preact's runtime alone: ${preact}`);
  return {
    benchmark:
      'embed.js, gzip bytes (the whole embed: UI, API calls, ja/en texts) vs Preact’s runtime alone (preact.min.js)',
    kessai: embed,
    baseline: preact,
    ratio: embed / preact,
    target: '≤ 10,000 bytes',
  };
}
