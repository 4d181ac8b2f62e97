// Process entry of the `kuma-tls` binary: the only place that touches process exit status.
import { EXIT_USAGE, processIo } from './io';
import { main } from './main';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT_USAGE;
  },
);
