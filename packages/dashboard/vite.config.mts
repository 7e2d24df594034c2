import { defineConfig } from 'vite';

// Served by the Kessai API at /dashboard (same origin as the API it calls); everything is bundled, nothing from a
// CDN. `KESSAI_API` points the dev server's proxy at a running API (`pnpm start` listens on 8080).
const api = process.env.KESSAI_API ?? 'http://127.0.0.1:8080';
const apiPaths = ['/transactions', '/payment-services', '/webhook-subscriptions', '/api-keys', '/refunds', '/buyers'];

export default defineConfig({
  base: '/dashboard/',
  build: { outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false }, sourcemap: true },
  server: {
    proxy: Object.fromEntries([...apiPaths, '/dashboard/api'].map((path) => [path, { target: api }])),
  },
});
