import { tokenizeHcl } from './hcl';

describe('tokenizeHcl', () => {
  it('keeps every character and marks comments, strings, numbers, keywords and block types', () => {
    const source = '# note\nresource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16" // x\n  count = 2\n  enable = true\n}\n';
    const tokens = tokenizeHcl(source);
    expect(tokens.map((t) => t.text).join('')).toBe(source);
    const of = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.text);
    expect(of('comment')).toEqual(['# note', '// x']);
    expect(of('string')).toEqual(['"aws_vpc"', '"main"', '"10.0.0.0/16"']);
    expect(of('number')).toEqual(['2']);
    expect(of('keyword')).toEqual(['true']);
    expect(of('block')).toEqual(['resource']);
  });
});
