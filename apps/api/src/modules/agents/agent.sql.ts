import type { ReadModel } from '../../graphql/read-model';
import { sqlObjectFromReadModel } from '../../graphql/sql-compiler';
import { agentReads } from './agent.reads';

/** An agent's plain columns for the SQL compiler (graphql/sql-compiler), e.g. a chart's series' agent. */
sqlObjectFromReadModel('Agent', agentReads as ReadModel<object>);
