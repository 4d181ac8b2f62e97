// Two bundles from one source tree: the extension (vscode is provided by the host) and the CLI (a
// plain Node program with a shebang). The language server is the CLI's `lsp` chunk: editors start
// `kuma-tls lsp --stdio`, the extension starts `dist/cli.js lsp --node-ipc`.
// Tests are compiled separately with tsc.
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
  languageserver: { test: /[\\/]node_modules[\\/]vscode-(languageserver|languageserver-protocol|languageserver-types|languageserver-textdocument|jsonrpc)[\\/]/, name: 'languageserver', chunks: 'async', enforce: true },
};

/** Whether a file of dist/ is one the `target` bundle writes (its entry, its chunks, their maps). */
function ownedBy(target, file) {
  return file === `${target}.js` || file.startsWith(`${target}.js.`) || file.startsWith(`${target}-`);
}

const ENTRIES = { extension: './src/extension.ts', cli: './src/cli/bin.ts' };

/** @type {(target: 'extension' | 'cli') => import('webpack').Configuration} */
function bundle(target) {
  return {
    target: 'node',
    entry: ENTRIES[target],
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: `${target}.js`,
      chunkFilename: `${target}-[name].js`,
      libraryTarget: 'commonjs2',
      devtoolModuleFilenameTemplate: '../[resource-path]',
      // A chunk's name differs between a development and a production build (named vs numbered
      // ids): without cleaning, dist/ kept the other build's chunks, and .vscodeignore and
      // .npmignore (dist/cli-*.js) packed them. Each bundle removes only its own stale files, so
      // the two compilers that share dist/ leave each other's output alone.
      clean: { keep: (file) => !ownedBy(target, file) },
    },
    externals: { vscode: 'commonjs vscode' },
    resolve: {
      extensions: ['.ts', '.js'],
      // The ESM build of the LSP types: their UMD wrapper (what `require` gets) hides its imports from webpack.
      alias: { 'vscode-languageserver-types$': path.resolve(__dirname, 'node_modules/vscode-languageserver-types/lib/esm/main.js') },
    },
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
