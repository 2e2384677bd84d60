/** QR codes as SVG, drawn by lean-qr (no canvas), for posters and case receipts. */
import { correction, generate } from 'lean-qr';
import { toSvgSource } from 'lean-qr/extras/svg';

/** An SVG document of the QR code for `text` (error correction M or better), with the standard four-module quiet zone. */
export function qrSvg(text: string): string {
  const code = generate(text, { minCorrectionLevel: correction.M });
  return toSvgSource(code, { on: '#000', off: '#fff', pad: 4, scale: 8, xmlDeclaration: false });
}
