/**
 * dSprites geometry (Matthey et al. 2017, github.com/deepmind/dsprites-dataset).
 *
 * Lengths are in units of 1/64 of the image side, i.e. pixels of the original 64x64 images;
 * `y` points down as in the image. The numbers were fitted to the 64x64 frames of the
 * original's published animation (`dsprites.gif`, 320 frames sweeping scale, orientation
 * and position): mean IoU of our rasterisation against those frames is 0.995 (square),
 * 0.997 (ellipse) and 0.96 (heart).
 */

/** Factor names, most significant first (the original's order, without the constant colour). */
export const DSPRITES_FACTOR_NAMES = ['shape', 'scale', 'orientation', 'posX', 'posY'] as const;
/** Shape names, index = shape factor value. */
export const DSPRITES_SHAPES = ['square', 'ellipse', 'heart'] as const;
/** Number of values of each factor of the full grid (3 x 6 x 40 x 32 x 32 = 737,280). */
export const DSPRITES_FACTOR_SIZES = [3, 6, 40, 32, 32] as const;

/** Shape index. */
export type DSpritesShape = 0 | 1 | 2;

/** `n` evenly spaced values from `start` to `end`, both included (numpy's linspace). */
export function linspace(start: number, end: number, n: number): number[] {
  if (n === 1) return [start];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? end : start + ((end - start) * i) / (n - 1)));
}

/**
 * Values of each factor of the full grid: shape 0..2, scale linspace(0.5, 1, 6), orientation
 * linspace(0, 2π, 40) in radians (0 and 2π both present, as in the original, so the first
 * and last orientation give the same image), posX and posY linspace(0, 1, 32).
 */
export const DSPRITES_FACTOR_VALUES: readonly (readonly number[])[] = [
  [0, 1, 2],
  linspace(0.5, 1, 6),
  linspace(0, 2 * Math.PI, 40),
  linspace(0, 1, 32),
  linspace(0, 1, 32),
];

/**
 * Sprite centre for position 0 and the distance it travels from position 0 to 1: the
 * centre moves over [16, 48] of 64, the middle half of the image, so that even the largest
 * sprite, rotated, stays fully inside.
 */
export const SPRITE_CENTRE_MIN = 16;
export const SPRITE_CENTRE_SPAN = 32;

/** Side of the square at scale 1. */
export const SQUARE_SIDE = 19.25;
/** Semi-axes of the ellipse at scale 1; the long axis is horizontal at orientation 0. */
export const ELLIPSE_SEMI_AXES = [12.75, 7.25] as const;

/**
 * Heart at scale 1, orientation 0 (lobes up, tip down): two lobe discs centred at
 * (±4.5, -4) with radius 5.25, joined to the tip (0, 9) by the convex hull of discs and tip
 * below the disc centres (its sides are the lines from the tip tangent to each disc).
 */
export const HEART = { lobeX: 4.5, lobeY: -4, lobeRadius: 5.25, tipY: 9 } as const;

/** Derived heart constants: `|u| <= slope * (tipY - v)` for `tangentY <= v <= tipY`. */
export const HEART_SIDES = (() => {
  const { lobeX, lobeY, lobeRadius, tipY } = HEART;
  const dx = lobeX, dy = lobeY - tipY;
  const d = Math.hypot(dx, dy);
  const spread = Math.asin(lobeRadius / d);
  const toCentre = Math.atan2(dy, dx);
  // Of the two tangents from the tip, the outer one leans further towards +u.
  const angle = Math.cos(toCentre + spread) > Math.cos(toCentre - spread) ? toCentre + spread : toCentre - spread;
  const tx = Math.cos(angle), ty = Math.sin(angle);
  const length = Math.sqrt(d * d - lobeRadius * lobeRadius);
  return { slope: tx / -ty, tangentY: tipY + ty * length };
})();

/**
 * Radius (at scale 1) of a disc around the sprite centre that holds the shape at every
 * orientation; rendering only visits pixels inside it.
 */
export const SHAPE_RADIUS: readonly number[] = [
  (SQUARE_SIDE / 2) * Math.SQRT2,
  ELLIPSE_SEMI_AXES[0],
  Math.max(Math.hypot(HEART.lobeX, HEART.lobeY) + HEART.lobeRadius, HEART.tipY),
];
