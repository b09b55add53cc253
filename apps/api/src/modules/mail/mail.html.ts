export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A plain HTML body: paragraphs of text and one button-like link, everything escaped. */
export function mailHtml(paragraphs: string[], action?: { label: string; url: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const button = action ? `\n<p><a href="${escapeHtml(action.url)}">${escapeHtml(action.label)}</a></p>` : '';
  return `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">\n${body}${button}\n</body></html>`;
}
