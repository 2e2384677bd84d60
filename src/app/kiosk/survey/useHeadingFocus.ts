import { useEffect, useRef } from 'preact/hooks';

/** Moves focus to a new screen's heading, so keyboard and screen-reader users start at its top. */
export function useHeadingFocus<T extends HTMLElement = HTMLHeadingElement>() {
  const ref = useRef<T>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return ref;
}
