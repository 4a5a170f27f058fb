import { postgresStore } from '../api/databases.ts';
import { postgresSkip } from '../api/pg.ts';
import { authoringSuite } from './authoring-suite.ts';

// Issue 13's “done when” in Chromium on a throwaway PostgreSQL cluster.
authoringSuite('authoring in the browser, PostgreSQL', postgresStore, postgresSkip());
