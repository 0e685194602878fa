/** The recovery key in large monospace groups of four. */
export function RecoveryKeyView({ value, testId }: { value: string; testId?: string }) {
  const groups = value.split('-').filter(Boolean);
  return (
    <div className="qorgan-recovery-key" data-testid={testId}>
      {groups.map((g, i) => (
        <span key={i}>{g}</span>
      ))}
    </div>
  );
}
