/**
 * Development entry point: `node --import tsx src/server/main.ts` (used by `npm run dev` and the
 * tests) or `node dist/server/main.js`. Production starts through start.ts instead.
 */
import { runServer } from './run.js';

await runServer();
