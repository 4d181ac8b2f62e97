// Preloaded (`node -r`) into a bench child that runs the bundled CLI: prints the process's peak
// RSS to stderr as its last line, after everything the CLI wrote.
import { peakRssKb } from './peak-rss';
process.on('exit', () => {
  process.stderr.write(`\n${JSON.stringify({ maxRssKb: peakRssKb() })}\n`);
});
