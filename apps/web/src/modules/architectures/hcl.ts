export type HclTokenKind = 'comment' | 'string' | 'number' | 'keyword' | 'block' | 'plain';

export interface HclToken {
  kind: HclTokenKind;
  text: string;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);
const BLOCKS = new Set(['resource', 'data', 'variable', 'output', 'locals', 'module', 'provider', 'terraform', 'required_providers']);
const PATTERN = /(#[^\n]*|\/\/[^\n]*)|("(?:[^"\\\n]|\\.)*")|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][\w-]*)|(\s+|[^\sA-Za-z_\d"#/]+|\/)/g;

/** Splits HCL into tokens for highlighting: enough for generated Terraform (comments, strings, numbers, keywords, block types). */
export function tokenizeHcl(source: string): HclToken[] {
  const tokens: HclToken[] = [];
  for (const m of source.matchAll(PATTERN)) {
    const [text, comment, string, number, word] = m;
    let kind: HclTokenKind = 'plain';
    if (comment) kind = 'comment';
    else if (string) kind = 'string';
    else if (number) kind = 'number';
    else if (word) kind = KEYWORDS.has(word) ? 'keyword' : BLOCKS.has(word) ? 'block' : 'plain';
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind && kind === 'plain') last.text += text;
    else tokens.push({ kind, text });
  }
  return tokens;
}
