import { defineConfig } from 'vite';

// One classic script, `dist/embed.js`, defining `window.Kessai` (IIFE): a merchant's page loads it with a plain
// <script src> from the Kessai API (/embed/v1/embed.js), so nothing is fetched from a CDN and no module loader is
// needed.
export default defineConfig({
  build: {
    lib: { entry: 'src/index.ts', name: 'Kessai', formats: ['iife'], fileName: () => 'embed.js' },
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
  },
});
