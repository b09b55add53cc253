import type { EntityManager } from 'typeorm';
import { stableUuid } from './deterministic';

const catalogue = [
  {
    name: 'Jira Ticket Triage',
    category: 'productivity',
    roles: ['pm', 'operations'],
    permissions: ['read:tickets', 'write:tickets'],
    rating: 4.6,
    status: 'published',
  },
  { name: 'GitHub PR Review', category: 'engineering', roles: ['engineering'], permissions: ['read:repo', 'write:comments'], rating: 4.8, status: 'published' },
  {
    name: 'Slack Notifier',
    category: 'communication',
    roles: ['pm', 'engineering', 'operations', 'custom'],
    permissions: ['send:slack'],
    rating: 4.3,
    status: 'published',
  },
  {
    name: 'Email Digest',
    category: 'communication',
    roles: ['pm', 'operations', 'custom'],
    permissions: ['read:email', 'send:email'],
    rating: 4.1,
    status: 'published',
  },
  { name: 'SQL Explorer', category: 'analytics', roles: ['engineering', 'operations'], permissions: ['read:warehouse'], rating: 4.4, status: 'published' },
  {
    name: 'Metrics Dashboard Builder',
    category: 'analytics',
    roles: ['pm', 'engineering'],
    permissions: ['read:metrics', 'write:dashboards'],
    rating: 3.9,
    status: 'published',
  },
  {
    name: 'Meeting Notes',
    category: 'productivity',
    roles: ['pm', 'custom'],
    permissions: ['read:calendar', 'read:transcripts'],
    rating: 4.0,
    status: 'published',
  },
  {
    name: 'Terraform Plan Checker',
    category: 'engineering',
    roles: ['engineering', 'operations'],
    permissions: ['read:repo', 'read:infrastructure'],
    rating: 4.5,
    status: 'published',
  },
  { name: 'Calendar Scheduler', category: 'productivity', roles: ['pm'], permissions: ['read:calendar', 'write:calendar'], rating: 0, status: 'draft' },
  { name: 'Legacy Wiki Search', category: 'productivity', roles: ['pm', 'custom'], permissions: ['read:wiki'], rating: 3.2, status: 'deprecated' },
  { name: 'Fax Sender', category: 'communication', roles: ['custom'], permissions: ['send:fax'], rating: 1.8, status: 'removed' },
];

const installations: [agent: string, skill: string][] = [
  ['Code Reviewer', 'GitHub PR Review'],
  ['Code Reviewer', 'Slack Notifier'],
  ['Release Notes Writer', 'Jira Ticket Triage'],
  ['Release Notes Writer', 'Slack Notifier'],
  ['Incident Triage', 'Slack Notifier'],
  ['Incident Triage', 'SQL Explorer'],
  ['Support Summariser', 'Email Digest'],
];

/**
 * No secret values: the seed runs without the server secret their key derives from (test setup, a
 * fresh checkout), and a secret written in this file would be public anyway. A channel that cannot
 * work without one (Slack's botToken) is seeded disabled, waiting for an admin to set it.
 */
const channels = [
  { agent: 'Incident Triage', type: 'slack', name: 'Incidents', enabled: false, config: { channel: '#incidents', workspace: 'acme' } },
  { agent: 'Incident Triage', type: 'webhook', name: 'PagerDuty bridge', enabled: true, config: { url: 'https://events.pagerduty.example/acme' } },
  {
    agent: 'Support Summariser',
    type: 'email',
    name: 'Support inbox',
    enabled: true,
    config: { address: 'support-bot@acme.test', smtpHost: 'smtp.acme.test' },
  },
  { agent: 'Release Notes Writer', type: 'slack', name: 'Releases', enabled: false, config: { channel: '#releases' } },
];

/** The tenant's skills marketplace; on acme, skills installed on its agents and their channels. */
export async function seedSkills(manager: EntityManager, slug: string, tenantId: string, creatorId: string): Promise<void> {
  for (const [index, s] of catalogue.entries()) {
    await manager.query(
      `INSERT INTO skills (id, tenant_id, name, description, category, version, compatible_roles, permissions, rating, status, created_by_id, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, now() - make_interval(days => $12))`,
      [
        stableUuid(`skill:${slug}:${s.name}`),
        tenantId,
        s.name,
        `${s.name} for agents of ${slug}`,
        s.category,
        `1.${index}.0`,
        s.roles,
        s.permissions,
        s.rating,
        s.status,
        creatorId,
        60 - index,
      ],
    );
  }
  if (slug !== 'acme') return;
  for (const [agent, skill] of installations) {
    await manager.query(
      `INSERT INTO skill_installations (id, tenant_id, agent_id, skill_id, config, granted_permissions, installed_by_id)
       SELECT $1, $2, $3, s.id, $5, s.permissions, $6 FROM skills s WHERE s.id = $4`,
      [
        stableUuid(`skill-installation:${slug}:${agent}:${skill}`),
        tenantId,
        stableUuid(`agent:${slug}:${agent}`),
        stableUuid(`skill:${slug}:${skill}`),
        { mode: 'suggest' },
        creatorId,
      ],
    );
  }
  await manager.query(`UPDATE skills s SET install_count = (SELECT count(*) FROM skill_installations i WHERE i.skill_id = s.id) WHERE s.tenant_id = $1`, [
    tenantId,
  ]);
  for (const c of channels) {
    await manager.query(`INSERT INTO agent_channels (id, tenant_id, agent_id, type, name, enabled, config, created_by_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, [
      stableUuid(`agent-channel:${slug}:${c.agent}:${c.name}`),
      tenantId,
      stableUuid(`agent:${slug}:${c.agent}`),
      c.type,
      c.name,
      c.enabled,
      c.config,
      creatorId,
    ]);
  }
}
