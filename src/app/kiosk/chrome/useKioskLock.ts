import { useEffect } from 'preact/hooks';

/**
 * Kiosk lock: full screen from the first touch (browsers allow it only inside a gesture), the screen kept awake
 * where the Screen Wake Lock API exists (re-acquired when the page is shown again), no context menu,
 * and the back gesture kept on this page.
 */
export function useKioskLock(): void {
  useEffect(() => {
    let wakeLock: WakeLockSentinel | null = null;
    const keepAwake = async (): Promise<void> => {
      if (!('wakeLock' in navigator) || document.visibilityState !== 'visible') return;
      try {
        wakeLock = await navigator.wakeLock.request('screen');
      } catch (e) {
        console.warn('screen wake lock refused', e); // e.g. battery saver: the kiosk works, the screen may dim
      }
    };
    const onVisible = (): void => { if (document.visibilityState === 'visible') void keepAwake(); };
    const goFullscreen = (): void => {
      if (document.fullscreenElement || !document.documentElement.requestFullscreen) return;
      document.documentElement.requestFullscreen({ navigationUI: 'hide' }).catch((e: unknown) => console.warn('full screen refused', e));
    };
    const noMenu = (e: Event): void => { e.preventDefault(); };
    const stay = (): void => { history.pushState(null, '', location.href); };

    void keepAwake();
    history.pushState(null, '', location.href);
    document.addEventListener('visibilitychange', onVisible);
    document.addEventListener('pointerdown', goFullscreen);
    document.addEventListener('contextmenu', noMenu);
    window.addEventListener('popstate', stay);
    return () => {
      void wakeLock?.release();
      document.removeEventListener('visibilitychange', onVisible);
      document.removeEventListener('pointerdown', goFullscreen);
      document.removeEventListener('contextmenu', noMenu);
      window.removeEventListener('popstate', stay);
    };
  }, []);
}
