import { useEffect, useState } from 'preact/hooks';
import type { ComponentType, VNode } from 'preact';

/**
 * A component loaded on first use, keeping it out of the JavaScript the kiosk's idle screen needs at start
 * (the service worker precaches every chunk, so it loads offline too). `preload` starts the load early, e.g.
 * at the tap that leads to the screen; `fallback` is shown until it is there (or when it cannot be loaded).
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>, fallback: (props: P, failed: boolean) => VNode | null = () => null) {
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> => {
    loading ??= load();
    loading.catch(() => { loading = null; }); // handled by the fallback; the next use tries again
    return loading;
  };
  function Lazy(props: P) {
    const [Loaded, setLoaded] = useState<{ C: ComponentType<P> } | null>(null);
    const [failed, setFailed] = useState(false);
    useEffect(() => { preload().then((C) => setLoaded({ C }), () => setFailed(true)); }, []);
    return Loaded ? <Loaded.C {...props} /> : fallback(props, failed);
  }
  return { Lazy, preload };
}

/** Tells its parent, once it is on screen, that the step it stands for could not be loaded. */
export function Unavailable({ onShow }: { onShow: () => void }) {
  useEffect(() => { onShow(); }, []);
  return null;
}
