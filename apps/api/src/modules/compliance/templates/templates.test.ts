import { flatten, TEMPLATES, templateByKey } from '.';

/** Reference points from each published standard: identifier and title as the standard words them. */
const REFERENCE: Record<string, [code: string, title: string | RegExp][]> = {
  soc2: [
    ['CC1.1', 'COSO Principle 1: The entity demonstrates a commitment to integrity and ethical values.'],
    ['CC6', /^Logical and Physical Access Controls$/],
    ['CC9.2', /^The entity assesses and manages risks associated with vendors and business partners\.$/],
  ],
  'iso27001-2022': [
    ['A.5.1', 'Policies for information security'],
    ['A.8.34', 'Protection of information systems during audit testing'],
  ],
  'iso42001-2023': [
    ['A.2.2', 'AI policy'],
    ['A.6.2.4', 'AI system verification and validation'],
  ],
  'nist-ai-rmf-1.0': [
    ['GOVERN 1', /^Policies, processes, procedures, and practices across the organization related to the mapping, measuring, and managing of AI risks/],
    ['MANAGE 4', /^Risk treatments, including response and recovery, and communication plans for the identified and measured AI risks are documented/],
  ],
  'eu-ai-act': [
    ['Art. 9', 'Risk management system'],
    ['Art. 10', 'Data and data governance'],
    ['Art. 11', 'Technical documentation'],
    ['Art. 12', 'Record-keeping'],
    ['Art. 13', 'Transparency and provision of information to deployers'],
    ['Art. 14', 'Human oversight'],
    ['Art. 15', 'Accuracy, robustness and cybersecurity'],
  ],
  gdpr: [
    ['Art. 5', 'Principles relating to processing of personal data'],
    ['Art. 32', 'Security of processing'],
    ['Art. 33', 'Notification of a personal data breach to the supervisory authority'],
  ],
  'hipaa-security': [
    ['164.308(a)(1)', 'Security management process'],
    ['164.312(a)(1)', 'Access control'],
  ],
  'pci-dss-4.0': [
    ['1', 'Install and Maintain Network Security Controls'],
    ['3', 'Protect Stored Account Data'],
    ['12', 'Support Information Security with Organizational Policies and Programs'],
  ],
};

describe('bundled framework templates', () => {
  it('cover every framework the issue names, each with unique identifiers, titles and a description', () => {
    expect(TEMPLATES.map((t) => t.key).sort()).toEqual(Object.keys(REFERENCE).sort());
    for (const template of TEMPLATES) {
      const flat = flatten(template.requirements);
      expect(new Set(flat.map((r) => r.code)).size).toBe(flat.length);
      for (const r of flat) expect(r.title.trim().length).toBeGreaterThan(0);
      expect(template.description.length).toBeGreaterThan(40);
    }
  });

  it.each(Object.entries(REFERENCE))('%s carries the standard’s own identifiers and titles', (key, points) => {
    const flat = flatten(templateByKey(key)!.requirements);
    for (const [code, title] of points) {
      const found = flat.find((r) => r.code === code);
      expect({ code, title: found?.title }).toEqual({ code, title: typeof title === 'string' ? title : expect.stringMatching(title) });
    }
  });

  it('ship whole series where the issue asks for them', () => {
    const codes = (key: string, depth: number) =>
      flatten(templateByKey(key)!.requirements)
        .filter((r) => r.depth === depth)
        .map((r) => r.code);
    expect(codes('soc2', 0)).toEqual(['CC1', 'CC2', 'CC3', 'CC4', 'CC5', 'CC6', 'CC7', 'CC8', 'CC9']);
    expect(codes('pci-dss-4.0', 0)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(codes('iso27001-2022', 1)).toHaveLength(93);
    expect(codes('hipaa-security', 0)).toEqual(['164.308', '164.310', '164.312', '164.314', '164.316']);
    expect(codes('nist-ai-rmf-1.0', 0)).toEqual(['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
    expect(codes('nist-ai-rmf-1.0', 1)).toHaveLength(19);
    const gdprArticles = codes('gdpr', 1);
    expect(gdprArticles[0]).toBe('Art. 5');
    expect(gdprArticles.at(-1)).toBe('Art. 49');
    expect(gdprArticles).toHaveLength(45);
  });
});
