import type { FrameworkTemplate } from './template';

/** Regulation (EU) 2024/1689 (AI Act), Chapter III: the articles on high-risk AI systems. */
export const euAiAct: FrameworkTemplate = {
  key: 'eu-ai-act',
  name: 'EU AI Act',
  version: 'Regulation (EU) 2024/1689',
  description:
    'Regulation (EU) 2024/1689 (Artificial Intelligence Act), Chapter III on high-risk AI systems: Section 2 (requirements, Articles 8-15) and the main ' +
    'obligations of Section 3 (Articles 16-20, 26 and 27), plus post-market monitoring and serious incidents (Articles 72-73). Article titles only; ' +
    'paragraphs are not included.',
  requirements: [
    [
      'Ch. III Sec. 2',
      'Requirements for high-risk AI systems',
      [
        ['Art. 8', 'Compliance with the requirements'],
        ['Art. 9', 'Risk management system'],
        ['Art. 10', 'Data and data governance'],
        ['Art. 11', 'Technical documentation'],
        ['Art. 12', 'Record-keeping'],
        ['Art. 13', 'Transparency and provision of information to deployers'],
        ['Art. 14', 'Human oversight'],
        ['Art. 15', 'Accuracy, robustness and cybersecurity'],
      ],
    ],
    [
      'Ch. III Sec. 3',
      'Obligations of providers and deployers of high-risk AI systems and other parties',
      [
        ['Art. 16', 'Obligations of providers of high-risk AI systems'],
        ['Art. 17', 'Quality management system'],
        ['Art. 18', 'Documentation keeping'],
        ['Art. 19', 'Automatically generated logs'],
        ['Art. 20', 'Corrective actions and duty of information'],
        ['Art. 26', 'Obligations of deployers of high-risk AI systems'],
        ['Art. 27', 'Fundamental rights impact assessment for high-risk AI systems'],
      ],
    ],
    [
      'Ch. IX',
      'Post-market monitoring, information sharing and market surveillance',
      [
        ['Art. 72', 'Post-market monitoring by providers and post-market monitoring plan for high-risk AI systems'],
        ['Art. 73', 'Reporting of serious incidents'],
      ],
    ],
  ],
};
