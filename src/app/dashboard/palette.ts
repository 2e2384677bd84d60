/**
 * Colours of the five levels: ColorBrewer RdYlBu (diverging, colour-blind safe), bad = red-orange, good = blue.
 * Index 0 = score 1 … index 4 = score 5.
 */
export const LEVEL_COLOURS = ['#d73027', '#fc8d59', '#fee090', '#91bfdb', '#4575b4'] as const;

/** Okabe–Ito blue and vermillion for the rate line and the target line. */
export const RATE_COLOUR = '#0072b2';
export const TARGET_COLOUR = '#d55e00';
export const COUNT_COLOUR = 'rgba(100, 116, 139, 0.3)';
