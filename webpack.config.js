// Two bundles from one source tree: the extension (vscode is provided by the host) and the
// CLI (a plain Node program with a shebang). Tests are compiled separately with tsc.
// The CLI is split: dist/cli.js holds only the argument dispatch, and each subcommand's
// `import()` becomes a chunk beside it (dist/cli-*.js) that Node compiles only when that
// subcommand runs, so `generate` does not parse the linter, yaml and the settings catalogue.
'use strict';
const path = require('path');
const webpack = require('webpack');
const { version } = require('./package.json');

/**
 * tsc (tests) compiles to CommonJS, where `import()` becomes a synchronous `require` that webpack
 * inlines. For the CLI, module node16 keeps CommonJS but leaves `import()` alone, which is what
 * lets webpack split the subcommands into chunks.
 */
function compilerOptions(target) {
  return target === 'cli' ? { sourceMap: true, module: 'node16', moduleResolution: 'node16' } : { sourceMap: true };
}

/** Chunks both subcommands load, named for what they hold rather than numbered. */
const CLI_SHARED_CHUNKS = {
  yaml: { test: /[\\/]node_modules[\\/]yaml[\\/]/, name: 'yaml', chunks: 'async', enforce: true },
  forge: { test: /[\\/]node_modules[\\/]node-forge[\\/]/, name: 'node-forge', chunks: 'async', enforce: true },
};

/** @type {(target: 'extension' | 'cli') => import('webpack').Configuration} */
function bundle(target) {
  return {
    target: 'node',
    entry: target === 'extension' ? './src/extension.ts' : './src/cli/bin.ts',
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: target === 'extension' ? 'extension.js' : 'cli.js',
      chunkFilename: target === 'extension' ? 'extension-[name].js' : 'cli-[name].js',
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
          use: [{ loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: compilerOptions(target) } }],
        },
      ],
    },
    ...(target === 'cli' ? { optimization: { splitChunks: { cacheGroups: CLI_SHARED_CHUNKS } } } : {}),
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
