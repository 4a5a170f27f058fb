import { auditSuite } from './audit-suite.ts';
import { onBothDatabases } from './databases.ts';

// The audit log on an SQLite file, then on a throwaway PostgreSQL cluster.
onBothDatabases(auditSuite, 'audit log');
