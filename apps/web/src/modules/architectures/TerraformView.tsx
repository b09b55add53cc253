import { Box, Button, Group, Tabs, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { tokenizeHcl, type HclTokenKind } from './hcl';

const COLORS: Record<HclTokenKind, string | undefined> = {
  comment: 'var(--mantine-color-dimmed)',
  string: 'var(--mantine-color-green-text)',
  number: 'var(--mantine-color-orange-text)',
  keyword: 'var(--mantine-color-pink-text)',
  block: 'var(--mantine-color-violet-text)',
  plain: undefined,
};

export function HclCode({ source, label }: { source: string; label: string }) {
  return (
    <Box
      component="pre"
      tabIndex={0}
      aria-label={label}
      data-testid="terraform-code"
      p="sm"
      style={{ overflow: 'auto', maxHeight: 520, fontSize: 13, background: 'var(--mantine-color-default-hover)', borderRadius: 4, margin: 0 }}
    >
      <code>
        {tokenizeHcl(source).map((t, i) => (
          <span
            key={i}
            style={{ color: COLORS[t.kind], fontWeight: t.kind === 'block' ? 600 : undefined, fontStyle: t.kind === 'comment' ? 'italic' : undefined }}
          >
            {t.text}
          </span>
        ))}
      </code>
    </Box>
  );
}

export function downloadZip(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface TerraformViewProps {
  bundle: { fileName: string; zipBase64: string; files: readonly { path: string; content: string }[] };
}

/** The generated files, one tab each, highlighted; and the zip to download. */
export function TerraformView({ bundle }: TerraformViewProps) {
  const [file, setFile] = useState<string | null>(bundle.files[0]?.path ?? null);
  return (
    <Box>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {bundle.files.length} files. Review the variables before applying.
        </Text>
        <Button leftSection={<IconDownload size={16} />} variant="light" onClick={() => downloadZip(bundle.fileName, bundle.zipBase64)}>
          Download {bundle.fileName}
        </Button>
      </Group>
      <Tabs value={file} onChange={setFile} keepMounted={false}>
        <Tabs.List aria-label="Terraform files">
          {bundle.files.map((f) => (
            <Tabs.Tab key={f.path} value={f.path}>
              {f.path}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {bundle.files.map((f) => (
          <Tabs.Panel key={f.path} value={f.path} pt="sm">
            <HclCode source={f.content} label={`Terraform file ${f.path}`} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Box>
  );
}
