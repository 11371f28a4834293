const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const MiniCssExtractPlugin = require('mini-css-extract-plugin');

const isProd = process.env.NODE_ENV === 'production';
const API_URL = process.env.API_URL || 'http://localhost:4000';

module.exports = {
  mode: isProd ? 'production' : 'development',
  entry: {
    main: './src/index.js',
    vendor: ['react', 'react-dom'],
  },
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: isProd ? '[name].[contenthash:8].js' : '[name].js',
    publicPath: '/',
  },
  devtool: isProd ? 'source-map' : 'eval-cheap-module-source-map',
  module: {
    rules: [
      {
        test: /\.jsx?$/,
        exclude: /node_modules/,
        use: 'babel-loader',
      },
      {
        test: /\.s?css$/,
        use: [
          isProd ? MiniCssExtractPlugin.loader : 'style-loader',
          { loader: 'css-loader', options: { importLoaders: 1, modules: { auto: true } } },
          'sass-loader',
        ],
      },
      {
        test: /\.(png|jpe?g|gif|svg)$/i,
        type: 'asset',
        parser: { dataUrlCondition: { maxSize: 8 * 1024 } },
      },
    ],
  },
  resolve: {
    extensions: ['.js', '.jsx'],
    alias: { '@': path.resolve(__dirname, 'src') },
  },
  plugins: [
    new HtmlWebpackPlugin({ template: './public/index.html', minify: isProd }),
    new MiniCssExtractPlugin({ filename: '[name].[contenthash:8].css' }),
    new webpack.DefinePlugin({
      'process.env.API_URL': JSON.stringify(API_URL),
      __VERSION__: JSON.stringify('4.12.0'),
    }),
  ],
  optimization: {
    splitChunks: { chunks: 'all', maxInitialRequests: 25, minSize: 20000 },
    runtimeChunk: 'single',
  },
  performance: {
    maxAssetSize: 512000,
    maxEntrypointSize: 512000,
  },
  devServer: {
    host: '0.0.0.0',
    port: 8080,
    hot: true,
    historyApiFallback: true,
    client: { overlay: { errors: true, warnings: false }, webSocketURL: 'ws://localhost:8080/ws' },
    proxy: [
      {
        context: ['/api', '/auth'],
        target: 'http://localhost:4000',
        changeOrigin: true,
      },
      {
        context: ['/socket.io'],
        target: 'ws://localhost:4001',
        ws: true,
      },
    ],
    watchFiles: ['src/**/*', 'public/**/*'],
  },
};
