/**
 * Links between screens. `<AnchorLink to="/case" search={{ id }}>` is a Mantine Anchor that the router types:
 * `TextLink` is the same over Mantine Text. `to` must be a screen of `routes.tsx` and `search` what that screen's schema (search.ts) takes. A path that
 * arrives as data (a work-list item's link from the core, the navigation built from `routes`) cannot be typed:
 * `hashHref(path)` makes its plain `#/path?query` href, which the router follows like any other.
 */
import { Anchor, Text, type AnchorProps, type TextProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

type MantineAnchorProps = AnchorProps & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, keyof AnchorProps>;

const MantineAnchor = forwardRef<HTMLAnchorElement, MantineAnchorProps>((props, ref) => <Anchor ref={ref} {...props} />);
MantineAnchor.displayName = 'MantineAnchor';

const CreatedAnchorLink = createLink(MantineAnchor);

export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => <CreatedAnchorLink {...props} />;

type MantineTextProps = TextProps & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, keyof TextProps>;

const MantineTextAnchor = forwardRef<HTMLAnchorElement, MantineTextProps>((props, ref) => <Text component="a" ref={ref} {...props} />);
MantineTextAnchor.displayName = 'MantineTextAnchor';

const CreatedTextLink = createLink(MantineTextAnchor);

/** a link that looks like text (a table row's title): `<TextLink to="/plan" search={{ id }} fw={600}>` */
export const TextLink: LinkComponent<typeof MantineTextAnchor> = (props) => <CreatedTextLink {...props} />;

/** `#/path?query` for a path that is data, not code (see above) */
export function hashHref(path: string): string {
  return `#${path.startsWith('/') ? path : `/${path}`}`;
}
