// Two bundles from one source tree: the extension (vscode is provided by the host) and the
// CLI (a plain Node program with a shebang). Tests are compiled separately with tsc.
'use strict';
const path = require('path');
const webpack = require('webpack');
const { version } = require('./package.json');

/** @type {(target: 'extension' | 'cli') => import('webpack').Configuration} */
function bundle(target) {
  return {
    target: 'node',
    entry: target === 'extension' ? './src/extension.ts' : './src/cli/bin.ts',
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: target === 'extension' ? 'extension.js' : 'cli.js',
      libraryTarget: 'commonjs2',
      devtoolModuleFilenameTemplate: '../[resource-path]',
    },
    externals: { vscode: 'commonjs vscode' },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: [{ loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { sourceMap: true } } }],
        },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ KUMA_TLS_VERSION: JSON.stringify(version) }),
      ...(target === 'cli' ? [new webpack.BannerPlugin({ banner: '#!/usr/bin/env node', raw: true })] : []),
    ],
    devtool: 'nosources-source-map',
    infrastructureLogging: { level: 'warn' },
    stats: 'errors-warnings',
    performance: { hints: false },
  };
}

module.exports = [bundle('extension'), bundle('cli')];
