export const controlPath = (id: string) => `/controls/${encodeURIComponent(id)}`;
