/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The production build lands straight on the server's classpath (target/classes/webroot), which the jar serves at /.
// `npm run dev` proxies /graphql (HTTP and WebSocket) to a Baton on BATON_URL (default http://localhost:8080).
const backend = process.env.BATON_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../target/classes/webroot',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/graphql': { target: backend, changeOrigin: true, ws: true },
    },
  },
  test: {
    environment: 'node',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
