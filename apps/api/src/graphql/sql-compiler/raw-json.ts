const texts = new WeakMap<RawJsonData, string>();
const parsed = new WeakMap<RawJsonData, Record<string, unknown>>();

/**
 * An answer's `data` as the JSON text PostgreSQL built (see compiler.ts), passed through to the response as it is:
 * {@link stringifyResult} splices the text in. Anything else that reads it (a test through `executeOperation`,
 * JSON.stringify) sees the parsed value: each root key is a property, parsed on first read.
 */
export class RawJsonData {
  constructor(text: string, keys: string[]) {
    texts.set(this, text);
    for (const key of keys) Object.defineProperty(this, key, { enumerable: true, get: () => this.toJSON()[key] });
  }

  static textOf(data: RawJsonData): string {
    return texts.get(data)!;
  }

  toJSON(): Record<string, unknown> {
    let value = parsed.get(this);
    if (!value) parsed.set(this, (value = JSON.parse(texts.get(this)!) as Record<string, unknown>));
    return value;
  }
}

/** Apollo's response body: as its default (JSON and a newline), with PostgreSQL's JSON text spliced in as `data`. */
export function stringifyResult(value: { data?: unknown }): string {
  if (!(value.data instanceof RawJsonData)) return `${JSON.stringify(value)}\n`;
  const { data, ...rest } = value;
  const tail = JSON.stringify(rest);
  return `{"data":${RawJsonData.textOf(data)}${tail === '{}' ? '}' : `,${tail.slice(1)}`}\n`;
}
