import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The checkout's `deploy/` folder (the same from src/ under jest and from dist/). */
export const DEPLOY_DIR = join(__dirname, '..', '..', '..', '..', 'deploy');

/**
 * One of the `deploy/` configuration files with its `{{NAME}}` placeholders filled in. A placeholder left without
 * a value is an error: the engine would otherwise start on a half-filled file.
 */
export async function renderTemplate(relativePath: string, values: Record<string, string>): Promise<string> {
  const template = await readFile(join(DEPLOY_DIR, relativePath), 'utf8');
  const rendered = template.replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) => values[name] ?? placeholder);
  const missing = rendered.match(/\{\{[A-Z_]+\}\}/);
  if (missing) throw new Error(`${relativePath}: no value for ${missing[0]}`);
  return rendered;
}
