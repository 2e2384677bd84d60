import { useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export const LONG_PRESS_MS = 2000;

/** A discreet spot that reacts only to a press held for `ms`; a tap does nothing. */
export function LongPress({ ms = LONG_PRESS_MS, onLongPress, children, class: cls }: {
  ms?: number; onLongPress: () => void; children: ComponentChildren; class?: string;
}) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = (): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  const start = (e: PointerEvent): void => {
    cancel();
    (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    timer.current = setTimeout(() => { timer.current = null; onLongPress(); }, ms);
  };
  return (
    <div class={cls} data-long-press="" onPointerDown={start} onPointerUp={cancel} onPointerCancel={cancel} onPointerLeave={cancel}>
      {children}
    </div>
  );
}
