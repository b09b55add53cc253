import type { FrameworkTemplate } from './template';

/** NIST AI 100-1, AI Risk Management Framework 1.0: the four functions and their categories. */
export const nistAiRmf: FrameworkTemplate = {
  key: 'nist-ai-rmf-1.0',
  name: 'NIST AI RMF',
  version: '1.0',
  description:
    'NIST AI 100-1 Artificial Intelligence Risk Management Framework 1.0: the functions GOVERN, MAP, MEASURE and MANAGE and their 19 categories with the ' +
    'category statements. The subcategories (e.g. GOVERN 1.1) are not included (top two levels only); add those you assess under their category.',
  requirements: [
    [
      'GOVERN',
      'Govern: a culture of risk management is cultivated and present',
      [
        [
          'GOVERN 1',
          'Policies, processes, procedures, and practices across the organization related to the mapping, measuring, and managing of AI risks are in place, transparent, and implemented effectively.',
        ],
        [
          'GOVERN 2',
          'Accountability structures are in place so that the appropriate teams and individuals are empowered, responsible, and trained for mapping, measuring, and managing AI risks.',
        ],
        [
          'GOVERN 3',
          'Workforce diversity, equity, inclusion, and accessibility processes are prioritized in the mapping, measuring, and managing of AI risks throughout the lifecycle.',
        ],
        ['GOVERN 4', 'Organizational teams are committed to a culture that considers and communicates AI risk.'],
        ['GOVERN 5', 'Processes are in place for robust engagement with relevant AI actors.'],
        [
          'GOVERN 6',
          'Policies and procedures are in place to address AI risks and benefits arising from third-party software and data and other supply chain issues.',
        ],
      ],
    ],
    [
      'MAP',
      'Map: context is recognized and risks related to context are identified',
      [
        ['MAP 1', 'Context is established and understood.'],
        ['MAP 2', 'Categorization of the AI system is performed.'],
        ['MAP 3', 'AI capabilities, targeted usage, goals, and expected benefits and costs compared with appropriate benchmarks are understood.'],
        ['MAP 4', 'Risks and benefits are mapped for all components of the AI system including third-party software and data.'],
        ['MAP 5', 'Impacts to individuals, groups, communities, organizations, and society are characterized.'],
      ],
    ],
    [
      'MEASURE',
      'Measure: identified risks are assessed, analyzed, or tracked',
      [
        ['MEASURE 1', 'Appropriate methods and metrics are identified and applied.'],
        ['MEASURE 2', 'AI systems are evaluated for trustworthy characteristics.'],
        ['MEASURE 3', 'Mechanisms for tracking identified AI risks over time are in place.'],
        ['MEASURE 4', 'Feedback about efficacy of measurement is gathered and assessed.'],
      ],
    ],
    [
      'MANAGE',
      'Manage: risks are prioritized and acted upon based on a projected impact',
      [
        [
          'MANAGE 1',
          'AI risks based on assessments and other analytical output from the MAP and MEASURE functions are prioritized, responded to, and managed.',
        ],
        [
          'MANAGE 2',
          'Strategies to maximize AI benefits and minimize negative impacts are planned, prepared, implemented, documented, and informed by input from relevant AI actors.',
        ],
        ['MANAGE 3', 'AI risks and benefits from third-party entities are managed.'],
        [
          'MANAGE 4',
          'Risk treatments, including response and recovery, and communication plans for the identified and measured AI risks are documented and monitored regularly.',
        ],
      ],
    ],
  ],
};
