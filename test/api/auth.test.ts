import { authSuite } from './auth-suite.ts';
import { onBothDatabases } from './databases.ts';

// Accounts, roles, scope, sessions and CSRF on an SQLite file, then on a throwaway PostgreSQL cluster.
onBothDatabases(authSuite, 'accounts');
