import { onBothDatabases } from './databases.ts';
import { draftsSuite } from './drafts-suite.ts';

// 新建报告 and writing it in the browser, on SQLite and on PostgreSQL.
onBothDatabases(draftsSuite, 'drafts and content');
