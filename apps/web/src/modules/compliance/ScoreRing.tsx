import { RingProgress, Text } from '@mantine/core';

/** The colour a readiness score is drawn in: red below 50, orange below 80, teal from 80. */
export function scoreColor(score: number | null | undefined): string {
  if (score == null) return 'gray';
  return score >= 80 ? 'teal' : score >= 50 ? 'orange' : 'red';
}

/** A framework's readiness (0-100) as a ring with the number inside; "—" before the first assessment. */
export function ScoreRing({ score, name, size = 96 }: { score: number | null | undefined; name: string; size?: number }) {
  const value = score == null ? 0 : Math.max(0, Math.min(100, Math.round(score)));
  return (
    <RingProgress
      size={size}
      thickness={Math.max(6, Math.round(size / 10))}
      roundCaps
      sections={score == null || value === 0 ? [] : [{ value, color: scoreColor(score) }]}
      aria-label={score == null ? `${name}: not assessed yet` : `${name}: readiness ${value} of 100`}
      role="img"
      data-testid="score-ring"
      data-score={score == null ? '' : String(value)}
      label={
        <Text ta="center" fw={700} size={size >= 90 ? 'lg' : 'sm'}>
          {score == null ? '—' : `${value}%`}
        </Text>
      }
    />
  );
}
