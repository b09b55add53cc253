import { compareDecimal, formatChangePercent, formatMoney, isDecimal, percentOf, subtractDecimal, sumDecimals } from './money';

describe('money from Decimal strings', () => {
  it('formats amounts exactly, beyond what a float holds', () => {
    expect(formatMoney('1234.5')).toBe('$1,234.50');
    expect(formatMoney('0.1')).toBe('$0.10');
    expect(formatMoney('12345678901234.015')).toBe('$12,345,678,901,234.02');
    expect(formatMoney('-20.005')).toBe('-$20.01');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney('99.99', 'EUR')).toBe('€99.99');
  });

  it('adds, subtracts and compares without float errors', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['1000000000000.000001', '0.000002'])).toBe('1000000000000.000003');
    expect(subtractDecimal('6000', '7903.38')).toBe('-1903.38');
    expect(subtractDecimal('0.3', '0.1')).toBe('0.2');
    expect(compareDecimal('10.10', '10.1')).toBe(0);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(compareDecimal('0.000001', '0')).toBe(1);
  });

  it('gives shares in percent to two places, and none of zero', () => {
    expect(percentOf('7903.38', '6000')).toBe(131.72);
    expect(percentOf('1', '3')).toBe(33.33);
    expect(percentOf('5', '0')).toBeNull();
  });

  it('shows the change percent with its sign', () => {
    expect(formatChangePercent('10.25')).toBe('+10.3%');
    expect(formatChangePercent('-4.00')).toBe('-4%');
    expect(formatChangePercent('0')).toBe('0%');
    expect(formatChangePercent(null)).toBe('—');
  });

  it('recognises decimals', () => {
    expect(isDecimal('12.5')).toBe(true);
    expect(isDecimal('1e3')).toBe(false);
    expect(isDecimal('12.')).toBe(false);
  });
});
