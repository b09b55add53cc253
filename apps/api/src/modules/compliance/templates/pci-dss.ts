import type { FrameworkTemplate } from './template';

/** PCI DSS v4.0: the twelve principal requirements. */
export const pciDss: FrameworkTemplate = {
  key: 'pci-dss-4.0',
  name: 'PCI DSS',
  version: '4.0',
  description:
    'Payment Card Industry Data Security Standard v4.0: the twelve principal requirements with their titles. The sub-requirements (e.g. 1.2.1) are ' +
    'not included; add those you assess under their requirement.',
  requirements: [
    ['1', 'Install and Maintain Network Security Controls'],
    ['2', 'Apply Secure Configurations to All System Components'],
    ['3', 'Protect Stored Account Data'],
    ['4', 'Protect Cardholder Data with Strong Cryptography During Transmission Over Open, Public Networks'],
    ['5', 'Protect All Systems and Networks from Malicious Software'],
    ['6', 'Develop and Maintain Secure Systems and Software'],
    ['7', 'Restrict Access to System Components and Cardholder Data by Business Need to Know'],
    ['8', 'Identify Users and Authenticate Access to System Components'],
    ['9', 'Restrict Physical Access to Cardholder Data'],
    ['10', 'Log and Monitor All Access to System Components and Cardholder Data'],
    ['11', 'Test Security of Systems and Networks Regularly'],
    ['12', 'Support Information Security with Organizational Policies and Programs'],
  ],
};
