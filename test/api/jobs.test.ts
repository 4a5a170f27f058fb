import { onBothDatabases } from './databases.ts';
import { jobsSuite } from './jobs-suite.ts';

onBothDatabases(jobsSuite, 'Job API');
