import { onBothDatabases } from './databases.ts';
import { ledgerRetentionSuite } from './ledger-retention-suite.ts';

// The ledger's retention period on an SQLite file, then on a throwaway PostgreSQL cluster.
onBothDatabases(ledgerRetentionSuite, 'ledger retention');
