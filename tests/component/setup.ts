/**
 * The component tests' DOM (happy-dom): what Mantine reads from a browser that happy-dom leaves out, the UI's
 * i18n in Kazakh, and a clean document after each test.
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../../renderer/src/i18n';

if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string): MediaQueryList => {
    const list: MediaQueryList = {
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    };
    return list;
  };
}
if (typeof window.ResizeObserver !== 'function') {
  window.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
// Mantine's autosizing Textarea listens for web fonts loading
if (!('fonts' in document) || !document.fonts) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
if (typeof Element.prototype.scrollIntoView !== 'function') Element.prototype.scrollIntoView = () => undefined;

afterEach(() => {
  cleanup();
});
