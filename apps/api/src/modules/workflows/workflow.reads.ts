import { ReadModel } from '../../graphql/read-model';
import { Workflow } from './workflow.entity';

export const workflowReads = new ReadModel(Workflow, {
  table: 'workflows',
  always: ['uuid'],
  needs: { trigger: ['triggerKind', 'triggerCron', 'triggerEvent', 'hasWebhookSecret'], createdBy: ['createdById'] },
});
