/**
 * Text with the framework's abbreviations (ЖАО, ДСМ …) underlined dotted, their full names in a tooltip.
 */
import { Tooltip } from '@mantine/core';
import { Fragment, useMemo } from 'react';
import type { Abbreviation } from '../../../../shared/frameworks';
import type { Language } from '../../../../shared/roles';

export interface AbbrIndex {
  regex: RegExp | null;
  full: Map<string, string>;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function buildAbbrIndex(list: readonly Abbreviation[], lang: Language): AbbrIndex {
  const full = new Map<string, string>();
  for (const a of list) {
    const name = (lang === 'ru' ? a.fullRu ?? a.fullKk : a.fullKk ?? a.fullRu) ?? null;
    if (name) full.set(a.abbr, name);
  }
  const keys = [...full.keys()].sort((a, b) => b.length - a.length).map(escape);
  const regex = keys.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${keys.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
  return { regex, full };
}

export function useAbbrIndex(list: readonly Abbreviation[] | undefined, lang: Language): AbbrIndex {
  return useMemo(() => buildAbbrIndex(list ?? [], lang), [list, lang]);
}

export function AbbrText({ text, index }: { text: string; index: AbbrIndex }) {
  if (!index.regex || !text) return <>{text}</>;
  const parts: { s: string; abbr: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(index.regex)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ s: text.slice(last, at), abbr: false });
    parts.push({ s: m[0], abbr: true });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ s: text.slice(last), abbr: false });
  return (
    <>
      {parts.map((p, i) =>
        p.abbr ? (
          <Tooltip key={i} label={index.full.get(p.s)} multiline maw={360} withArrow>
            <abbr style={{ textDecoration: 'underline dotted', cursor: 'help' }} data-abbr={p.s}>
              {p.s}
            </abbr>
          </Tooltip>
        ) : (
          <Fragment key={i}>{p.s}</Fragment>
        ),
      )}
    </>
  );
}
