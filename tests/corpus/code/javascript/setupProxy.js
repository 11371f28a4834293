const { createProxyMiddleware } = require('http-proxy-middleware');

// Create React App picks this file up automatically in development.
module.exports = function (app) {
  app.use(
    '/api',
    createProxyMiddleware({
      target: process.env.API_PROXY || 'http://localhost:5000',
      changeOrigin: true,
      pathRewrite: { '^/api': '' },
      logLevel: 'warn',
      proxyTimeout: 30000,
    })
  );
  app.use(
    '/socket',
    createProxyMiddleware({
      target: 'http://127.0.0.1:5001',
      ws: true,
    })
  );
  app.use(
    '/auth',
    createProxyMiddleware({
      target: 'https://auth.dev.example.com:8443',
      secure: false,
      onProxyRes(proxyRes) {
        if (proxyRes.statusCode === 302) {
          proxyRes.headers.location = proxyRes.headers.location.replace(
            'https://auth.dev.example.com:8443',
            'http://localhost:3000/auth'
          );
        }
      },
    })
  );
};
