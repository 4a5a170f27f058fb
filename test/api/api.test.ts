import { onBothDatabases } from './databases.ts';
import { apiSuite } from './suite.ts';

// The same suite on an SQLite file in a temporary folder, then on a throwaway PostgreSQL cluster.
onBothDatabases(apiSuite, 'API');
