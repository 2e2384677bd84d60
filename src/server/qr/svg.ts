/** QR codes as SVG, drawn by uqr (no canvas), for posters and case receipts. */
import { renderSVG } from 'uqr';

/** An SVG document of the QR code for `text`, with the standard four-module quiet zone. */
export function qrSvg(text: string): string {
  return renderSVG(text, { ecc: 'M', border: 4 });
}
