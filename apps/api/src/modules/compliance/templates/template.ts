/** A requirement of a template: identifier, title as the standard words it, and its children. */
export type TemplateRequirement = [code: string, title: string, children?: TemplateRequirement[]];

/**
 * A bundled framework template. Only identifiers and titles published in the standard itself: where we
 * ship fewer levels than the standard has, the description says so.
 */
export interface FrameworkTemplate {
  key: string;
  name: string;
  version: string;
  description: string;
  requirements: TemplateRequirement[];
}

/** The template's requirements in tree order, each with its parent's code, depth and position among its siblings. */
export function flatten(
  requirements: TemplateRequirement[],
  parent: string | null = null,
  path: number[] = [],
): { code: string; title: string; parent: string | null; depth: number; position: number; path: number[] }[] {
  return requirements.flatMap(([code, title, children], position) => [
    { code, title, parent, depth: path.length, position, path: [...path, position] },
    ...flatten(children ?? [], code, [...path, position]),
  ]);
}
