import { useEffect, useRef } from 'react';
import { invoke } from '../api/client';

const ACTIVITY_EVERY_MS = 30_000;
const EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Tells the core about user input (for its idle auto-lock), at most once per 30 s. The core decides when to lock;
 * the status poll in App notices and shows the lock screen.
 */
export function useIdleActivity(active: boolean): void {
  const last = useRef(0);
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const onInput = () => {
      const now = Date.now();
      if (now - last.current < ACTIVITY_EVERY_MS) return;
      last.current = now;
      invoke('auth.activity', {}).catch(() => undefined);
    };
    for (const ev of EVENTS) window.addEventListener(ev, onInput, { passive: true, capture: true });
    return () => {
      for (const ev of EVENTS) window.removeEventListener(ev, onInput, { capture: true });
    };
  }, [active]);
}
