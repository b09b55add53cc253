import { ReadModel } from '../../graphql/read-model';
import { Skill } from './skill.entity';

export const skillReads = new ReadModel(Skill, { table: 'skills', always: ['uuid'], needs: { rating: ['rating'], installations: [] } });
