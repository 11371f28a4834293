import { defineConfig, loadEnv, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import { visualizer } from 'rollup-plugin-visualizer';
import path from 'node:path';

// https://vitejs.dev/config/
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  const apiTarget = env.VITE_API_TARGET || 'http://127.0.0.1:8000';
  const plugins: PluginOption[] = [react()];

  if (env.ANALYZE === 'true') {
    plugins.push(visualizer({ open: true, gzipSize: true, brotliSize: true }) as PluginOption);
  }

  return {
    plugins,
    resolve: {
      alias: {
        '@': path.resolve(__dirname, './src'),
        '@components': path.resolve(__dirname, './src/components'),
      },
    },
    server: {
      port: 5173,
      strictPort: true,
      host: true,
      hmr: {
        clientPort: 443,
        overlay: true,
      },
      proxy: {
        '/api': {
          target: apiTarget,
          changeOrigin: true,
          rewrite: (p: string) => p.replace(/^\/api/, ''),
        },
        '/graphql': 'http://localhost:4000',
        '/ws': {
          target: 'ws://localhost:4000',
          ws: true,
        },
      },
      watch: {
        usePolling: env.CI === 'true',
        interval: 300,
      },
    },
    preview: {
      port: 4173,
      strictPort: true,
    },
    build: {
      outDir: 'dist',
      sourcemap: mode !== 'production',
      chunkSizeWarningLimit: 1200,
      target: 'es2020',
      rollupOptions: {
        output: {
          manualChunks: {
            react: ['react', 'react-dom', 'react-router-dom'],
            charts: ['recharts', 'd3-scale'],
          },
        },
      },
    },
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/test/setup.ts'],
      coverage: { provider: 'v8', reporter: ['text', 'lcov'], lines: 80 },
      testTimeout: 10000,
    },
  };
});
