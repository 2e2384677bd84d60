/** QR scanning with the browser's BarcodeDetector (Chromium on Android and ChromeOS); absent elsewhere, typing still works. */

interface Detector { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }
type DetectorCtor = new (opts: { formats: string[] }) => Detector;

function detectorCtor(): DetectorCtor | null {
  return (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector ?? null;
}

export function canScan(): boolean {
  return detectorCtor() !== null && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** The pairing code in a scanned value: the `code` of a /kiosk?code= URL, or the bare code. */
export function codeFromScan(raw: string): string | null {
  try {
    const c = new URL(raw).searchParams.get('code');
    if (c) return c;
  } catch {
    // not a URL: maybe the bare code
  }
  return /^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/.test(raw.trim()) ? raw.trim() : null;
}

/** Why scanning stopped without a code. */
export type ScanFailure = { kind: 'unsupported' } | { kind: 'camera'; message: string };

/** Starts the rear camera and calls onCode once; returns a stop function. */
export function startScan(video: HTMLVideoElement, onCode: (code: string) => void, onError: (failure: ScanFailure) => void): () => void {
  const Ctor = detectorCtor();
  let stopped = false;
  let stream: MediaStream | null = null;
  const stop = () => {
    stopped = true;
    stream?.getTracks().forEach((t) => t.stop());
  };
  if (!Ctor) {
    onError({ kind: 'unsupported' });
    return stop;
  }
  const detector = new Ctor({ formats: ['qr_code'] });
  void navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(async (s) => {
    stream = s;
    if (stopped) return stop();
    video.srcObject = s;
    await video.play();
    while (!stopped) {
      const found = (await detector.detect(video)).map((b) => codeFromScan(b.rawValue)).find((c) => c);
      if (found) {
        stop();
        onCode(found);
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }).catch((e: unknown) => {
    stop();
    onError({ kind: 'camera', message: (e as Error).message });
  });
  return stop;
}
