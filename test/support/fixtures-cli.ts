// `npx tsx test/support/fixtures-cli.ts up|down`: the fixtures by hand, for development and CI cleanup.
import { createFixtures, removeFixtures } from './fixtures.js';

const cmd = process.argv[2];
if (cmd === 'up') createFixtures();
else if (cmd === 'down') removeFixtures();
else {
  process.stderr.write('usage: fixtures-cli.ts up|down\n');
  process.exit(2);
}
