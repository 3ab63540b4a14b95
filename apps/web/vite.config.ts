import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/**
 * The intranet SPA. Built into dist/web, which the api serves on the same origin (so cookies,
 * GraphQL and Socket.IO need no CORS). `npx vite --config apps/web/vite.config.ts` serves it in
 * development with the api proxied from :3000.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.PLEIN_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/',
  // Every asset is also written brotli- and gzip-compressed, so the api sends them without compressing per request.
  plugins: [compression({ algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })], exclude: [/\.map$/], threshold: 1024, deleteOriginalAssets: false })],
  // Vite 8 transforms JSX with Oxc: no React plugin needed (we do without fast refresh).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/graphql': api,
      '/auth': api,
      '/uploads': api,
      '/photos': api,
      '/message-images': api,
      '/group-images': api,
      '/health': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
