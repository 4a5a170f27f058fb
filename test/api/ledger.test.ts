import { onBothDatabases } from './databases.ts';
import { ledgerSuite } from './ledger-suite.ts';

// The ledger's API and its privacy rules on an SQLite file, then on a throwaway PostgreSQL cluster.
onBothDatabases(ledgerSuite, 'ledger');
