import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs beside Vite; same-origin through this proxy keeps the refresh cookie
// (path /graphql, SameSite=Strict) and the API's CSRF prevention working without extra setup.
const api = process.env.STEWARD_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: {
      '/graphql': { target: api, ws: true },
      '/graphiql': { target: api },
      '/healthz': { target: api },
      '/readyz': { target: api },
    },
  },
  // Mantine, Apollo and React make one ~700 kB vendor chunk (225 kB gzipped); pages load lazily.
  build: { sourcemap: true, chunkSizeWarningLimit: 1024 },
});
