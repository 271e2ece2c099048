import type { DSpritesShape } from './geometry.ts';
import {
  ELLIPSE_SEMI_AXES,
  HEART,
  HEART_SIDES,
  SHAPE_RADIUS,
  SPRITE_CENTRE_MIN,
  SPRITE_CENTRE_SPAN,
  SQUARE_SIDE,
} from './geometry.ts';

/** Continuous parameters of one sprite. */
export interface SpriteParams {
  /** 0 square, 1 ellipse, 2 heart. */
  shape: DSpritesShape;
  /** Size relative to the largest sprite, 0.5..1 in dSprites. */
  scale: number;
  /** Counter-clockwise rotation on screen, radians. */
  orientation: number;
  /** Horizontal position, 0 (left) .. 1 (right). */
  posX: number;
  /** Vertical position, 0 (top) .. 1 (bottom). */
  posY: number;
}

const TWO_PI = 2 * Math.PI;
const HALF_SIDE = SQUARE_SIDE / 2;
const INV_A2 = 1 / (ELLIPSE_SEMI_AXES[0] * ELLIPSE_SEMI_AXES[0]);
const INV_B2 = 1 / (ELLIPSE_SEMI_AXES[1] * ELLIPSE_SEMI_AXES[1]);
const { lobeX: LX, lobeY: LY, tipY: TIP } = HEART;
const LR2 = HEART.lobeRadius * HEART.lobeRadius;
const { slope: SLOPE, tangentY: TANGENT_Y } = HEART_SIDES;

/**
 * Rasterises one sprite into `out[offset .. offset + size*size)` as a binary image (0 or 1,
 * row-major, one channel): a pixel is on when its centre lies inside the rotated, scaled
 * shape. Deterministic; only the pixels within the sprite's bounding disc are tested, the
 * rest are cleared.
 */
export function renderSprite(params: SpriteParams, size: number, out: Float32Array, offset = 0): Float32Array {
  const { shape, scale } = params;
  if (shape !== 0 && shape !== 1 && shape !== 2) throw new RangeError(`renderSprite: shape must be 0, 1 or 2, got ${shape}`);
  if (!(scale > 0)) throw new RangeError(`renderSprite: scale must be positive, got ${scale}`);
  out.fill(0, offset, offset + size * size);
  // Reducing the angle first makes orientation 2π give exactly the image of orientation 0.
  const theta = params.orientation - TWO_PI * Math.floor(params.orientation / TWO_PI);
  const c = Math.cos(theta), s = Math.sin(theta);
  const k = 64 / size; // original pixels per output pixel
  const cx = SPRITE_CENTRE_MIN + SPRITE_CENTRE_SPAN * params.posX;
  const cy = SPRITE_CENTRE_MIN + SPRITE_CENTRE_SPAN * params.posY;
  const reach = SHAPE_RADIUS[shape] * scale;
  const x0 = Math.max(0, Math.ceil((cx - reach) / k - 0.5));
  const x1 = Math.min(size - 1, Math.floor((cx + reach) / k - 0.5));
  const y0 = Math.max(0, Math.ceil((cy - reach) / k - 0.5));
  const y1 = Math.min(size - 1, Math.floor((cy + reach) / k - 0.5));
  // Sprite coordinates (u, v) = R(-θ) (p - centre) / scale are affine in the pixel index.
  const inv = 1 / scale;
  const du = c * k * inv, dv = s * k * inv;
  const dx0 = (x0 + 0.5) * k - cx;
  for (let y = y0; y <= y1; y++) {
    const dy = (y + 0.5) * k - cy;
    const u0 = (c * dx0 - s * dy) * inv;
    const v0 = (s * dx0 + c * dy) * inv;
    const row = offset + y * size;
    const n = x1 - x0;
    if (shape === 0) {
      for (let i = 0; i <= n; i++) {
        const u = u0 + i * du, v = v0 + i * dv;
        if (u <= HALF_SIDE && u >= -HALF_SIDE && v <= HALF_SIDE && v >= -HALF_SIDE) out[row + x0 + i] = 1;
      }
    } else if (shape === 1) {
      for (let i = 0; i <= n; i++) {
        const u = u0 + i * du, v = v0 + i * dv;
        if (u * u * INV_A2 + v * v * INV_B2 <= 1) out[row + x0 + i] = 1;
      }
    } else {
      for (let i = 0; i <= n; i++) {
        const u = u0 + i * du, v = v0 + i * dv;
        const au = u < 0 ? -u : u;
        const lu = au - LX, lv = v - LY;
        // Lobes, then the band between the lobe centres and the tangent points, then the
        // tapering part down to the tip: together the convex hull below the lobe centres.
        if (
          lu * lu + lv * lv <= LR2 ||
          (v >= TANGENT_Y ? v <= TIP && au <= SLOPE * (TIP - v) : v >= LY && au <= LX)
        ) {
          out[row + x0 + i] = 1;
        }
      }
    }
  }
  return out;
}
