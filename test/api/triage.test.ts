import { onBothDatabases } from './databases.ts';
import { triageSuite } from './triage-suite.ts';

// Finding triage on an SQLite file, then on a throwaway PostgreSQL cluster.
onBothDatabases(triageSuite, 'triage');
