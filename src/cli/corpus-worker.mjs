// Starts a corpus worker thread (src/cli/pool.ts) under tsx, which Node 20 does not pass on to workers.
import { register } from 'tsx/esm/api';

register();
await import('./corpus-worker.ts');
