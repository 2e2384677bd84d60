/** Compiles the endpoint to plain JavaScript (dist/server/*.js) for `npm start`; node_modules stay external. */
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  root,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: resolve(root, 'dist/server'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      // Entry names keep their folder depth equal to src/server's, so import.meta.dirname-relative paths hold.
      input: { main: resolve(root, 'src/server/main.ts') },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
