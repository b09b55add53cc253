import type { FrameworkTemplate, TemplateRequirement } from './template';

const articles = (from: number, titles: string[]): TemplateRequirement[] => titles.map((title, i) => [`Art. ${from + i}`, title]);

/** Regulation (EU) 2016/679 (GDPR): the articles of Chapters II-V that bind controllers and processors. */
export const gdpr: FrameworkTemplate = {
  key: 'gdpr',
  name: 'GDPR',
  version: 'Regulation (EU) 2016/679',
  description:
    'General Data Protection Regulation, Chapters II-V (principles, rights of the data subject, controller and processor, transfers): Articles 5-49 ' +
    'with their titles, grouped by chapter. Paragraphs are not included.',
  requirements: [
    [
      'Ch. II',
      'Principles',
      articles(5, [
        'Principles relating to processing of personal data',
        'Lawfulness of processing',
        'Conditions for consent',
        "Conditions applicable to child's consent in relation to information society services",
        'Processing of special categories of personal data',
        'Processing of personal data relating to criminal convictions and offences',
        'Processing which does not require identification',
      ]),
    ],
    [
      'Ch. III',
      'Rights of the data subject',
      articles(12, [
        'Transparent information, communication and modalities for the exercise of the rights of the data subject',
        'Information to be provided where personal data are collected from the data subject',
        'Information to be provided where personal data have not been obtained from the data subject',
        'Right of access by the data subject',
        'Right to rectification',
        "Right to erasure ('right to be forgotten')",
        'Right to restriction of processing',
        'Notification obligation regarding rectification or erasure of personal data or restriction of processing',
        'Right to data portability',
        'Right to object',
        'Automated individual decision-making, including profiling',
        'Restrictions',
      ]),
    ],
    [
      'Ch. IV',
      'Controller and processor',
      articles(24, [
        'Responsibility of the controller',
        'Data protection by design and by default',
        'Joint controllers',
        'Representatives of controllers or processors not established in the Union',
        'Processor',
        'Processing under the authority of the controller or processor',
        'Records of processing activities',
        'Cooperation with the supervisory authority',
        'Security of processing',
        'Notification of a personal data breach to the supervisory authority',
        'Communication of a personal data breach to the data subject',
        'Data protection impact assessment',
        'Prior consultation',
        'Designation of the data protection officer',
        'Position of the data protection officer',
        'Tasks of the data protection officer',
        'Codes of conduct',
        'Monitoring of approved codes of conduct',
        'Certification',
        'Certification bodies',
      ]),
    ],
    [
      'Ch. V',
      'Transfers of personal data to third countries or international organisations',
      articles(44, [
        'General principle for transfers',
        'Transfers on the basis of an adequacy decision',
        'Transfers subject to appropriate safeguards',
        'Binding corporate rules',
        'Transfers or disclosures not authorised by Union law',
        'Derogations for specific situations',
      ]),
    ],
  ],
};
