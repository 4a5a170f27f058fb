import { authoringSuite } from './authoring-suite.ts';

// Issue 13's “done when” in Chromium on SQLite (authoring-pg.test.ts: on PostgreSQL).
authoringSuite('authoring in the browser, SQLite', undefined, false);
