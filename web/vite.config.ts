// Vite builds the app into dist/ (scripts/web.sh serves it). Relative asset
// paths let dist/ be served from any directory.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
