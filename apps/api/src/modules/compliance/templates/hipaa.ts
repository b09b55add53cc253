import type { FrameworkTemplate } from './template';

/** HIPAA Security Rule, 45 CFR Part 164 Subpart C: the standards of 164.308-164.316. */
export const hipaa: FrameworkTemplate = {
  key: 'hipaa-security',
  name: 'HIPAA Security Rule',
  version: '45 CFR 164.308-164.316',
  description:
    'HIPAA Security Rule safeguards: the sections 164.308 (administrative), 164.310 (physical), 164.312 (technical), 164.314 (organizational) and ' +
    '164.316 (policies, procedures and documentation) with their standards. Implementation specifications (required/addressable) are not included.',
  requirements: [
    [
      '164.308',
      'Administrative safeguards',
      [
        ['164.308(a)(1)', 'Security management process'],
        ['164.308(a)(2)', 'Assigned security responsibility'],
        ['164.308(a)(3)', 'Workforce security'],
        ['164.308(a)(4)', 'Information access management'],
        ['164.308(a)(5)', 'Security awareness and training'],
        ['164.308(a)(6)', 'Security incident procedures'],
        ['164.308(a)(7)', 'Contingency plan'],
        ['164.308(a)(8)', 'Evaluation'],
        ['164.308(b)(1)', 'Business associate contracts and other arrangements'],
      ],
    ],
    [
      '164.310',
      'Physical safeguards',
      [
        ['164.310(a)(1)', 'Facility access controls'],
        ['164.310(b)', 'Workstation use'],
        ['164.310(c)', 'Workstation security'],
        ['164.310(d)(1)', 'Device and media controls'],
      ],
    ],
    [
      '164.312',
      'Technical safeguards',
      [
        ['164.312(a)(1)', 'Access control'],
        ['164.312(b)', 'Audit controls'],
        ['164.312(c)(1)', 'Integrity'],
        ['164.312(d)', 'Person or entity authentication'],
        ['164.312(e)(1)', 'Transmission security'],
      ],
    ],
    [
      '164.314',
      'Organizational requirements',
      [
        ['164.314(a)(1)', 'Business associate contracts or other arrangements'],
        ['164.314(b)(1)', 'Requirements for group health plans'],
      ],
    ],
    [
      '164.316',
      'Policies and procedures and documentation requirements',
      [
        ['164.316(a)', 'Policies and procedures'],
        ['164.316(b)(1)', 'Documentation'],
      ],
    ],
  ],
};
