import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A model that can run agents (a language or vision model) has the tier its agents run at, and an
 * agent on a model runs at that model's tier. Existing models get a tier from their name, and
 * agents on them follow.
 */
export class AiModelTier1764700000000 implements MigrationInterface {
  name = 'AiModelTier1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE ai_models ADD COLUMN tier text CHECK (tier IN ('haiku','sonnet','opus'));
UPDATE ai_models SET tier = CASE WHEN name ILIKE '%opus%' THEN 'opus' WHEN name ILIKE '%haiku%' THEN 'haiku' ELSE 'sonnet' END
  WHERE type IN ('llm','vision');
ALTER TABLE ai_models ADD CONSTRAINT ai_models_tier_for_agent_models CHECK ((type IN ('llm','vision')) = (tier IS NOT NULL));
UPDATE agents a SET model_tier = m.tier FROM ai_models m WHERE a.model_id = m.id AND a.model_tier IS DISTINCT FROM m.tier AND m.tier IS NOT NULL;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ai_models DROP CONSTRAINT ai_models_tier_for_agent_models; ALTER TABLE ai_models DROP COLUMN tier;`);
  }
}
