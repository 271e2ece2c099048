/*
 * vaelab's WebAssembly kernels: a SIMD GEMM with native transposes and a fused bias + ReLU
 * epilogue, the ReLU gradient mask, and one fused Adam update per variable.
 *
 * The module imports the tfjs wasm backend's memory and works only on buffers the backend
 * allocated (tensors, or scratch from its malloc). It must own nothing in that memory: no data
 * segments, no static variables and no shadow stack, which is why every function keeps its
 * state in locals (wasm locals and SIMD registers, never memory) and the build script
 * (build.mjs) rejects a binary with a data section or a global.
 *
 * Layout: every matrix is row-major float32; op(X) is X or X^T.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

typedef unsigned long size;

static inline v128_t relu4(v128_t x) { return wasm_f32x4_max(x, wasm_f32x4_splat(0.0f)); }

/* The first `count` (0..4) floats at p, zeros after: never reads past the end. */
static inline v128_t load_lanes(const float *p, int count) {
  if (count >= 4) return wasm_v128_load(p);
  v128_t x = wasm_f32x4_splat(0.0f);
  if (count > 0) x = wasm_f32x4_replace_lane(x, 0, p[0]);
  if (count > 1) x = wasm_f32x4_replace_lane(x, 1, p[1]);
  if (count > 2) x = wasm_f32x4_replace_lane(x, 2, p[2]);
  return x;
}

/* Stores the first `cols` (0..4) lanes of x at c. */
static inline void store_lanes(float *c, v128_t x, int cols, int relu) {
  if (relu) x = relu4(x);
  if (cols >= 4) {
    wasm_v128_store(c, x);
    return;
  }
  if (cols > 0) c[0] = wasm_f32x4_extract_lane(x, 0);
  if (cols > 1) c[1] = wasm_f32x4_extract_lane(x, 1);
  if (cols > 2) c[2] = wasm_f32x4_extract_lane(x, 2);
}

/*
 * Packs op(A) rows i..i+3 as a [K][4] panel (rows past M are zeros), so that the micro-kernel
 * reads one vector of A per k whatever A's layout; op(A)(i,k) = A[i*ai + k*ak].
 */
static void pack_a(const float *A, size ai, size ak, float *panel, int i, int M, int K) {
  const int rows = M - i < 4 ? M - i : 4;
  if (rows == 4 && ai == 1) {
    for (int k = 0; k < K; k++) wasm_v128_store(panel + 4 * k, wasm_v128_load(A + i + k * ak));
    return;
  }
  for (int k = 0; k < K; k++)
    for (int r = 0; r < 4; r++) panel[4 * k + r] = r < rows ? A[(i + r) * ai + k * ak] : 0.0f;
}

/* Packs op(B) columns j..j+7 as a [K][8] panel (columns past N are zeros); op(B)(k,j) = B[k*bk + j*bj]. */
static void pack_b(const float *B, size bk, size bj, float *panel, int j, int N, int K) {
  const int cols = N - j < 8 ? N - j : 8;
  if (cols == 8 && bj == 1) {
    for (int k = 0; k < K; k++) {
      wasm_v128_store(panel + 8 * k, wasm_v128_load(B + k * bk + j));
      wasm_v128_store(panel + 8 * k + 4, wasm_v128_load(B + k * bk + j + 4));
    }
    return;
  }
  for (int k = 0; k < K; k++)
    for (int c = 0; c < 8; c++) panel[8 * k + c] = c < cols ? B[k * bk + (j + c) * bj] : 0.0f;
}

/*
 * The 4x8 register tile C[i..i+3, j..j+7] = Ap Bp (+ bias) (ReLU) from packed panels:
 * 8 accumulators, one vector of A broadcast lane by lane and two vectors of B per k, which
 * fits the 16 SIMD registers V8 has on x86-64. Accumulators start at the bias.
 */
static void tile_4x8(const float *ap, const float *bp, float *C, int ldc, int rows, int cols, int K,
                     const float *bias, int j, int relu) {
  const int cols0 = cols < 4 ? cols : 4, cols1 = cols > 4 ? cols - 4 : 0;
  const v128_t bias0 = bias ? load_lanes(bias + j, cols0) : wasm_f32x4_splat(0.0f);
  const v128_t bias1 = bias ? load_lanes(bias + j + 4, cols1) : wasm_f32x4_splat(0.0f);
  v128_t c00 = bias0, c01 = bias1, c10 = bias0, c11 = bias1;
  v128_t c20 = bias0, c21 = bias1, c30 = bias0, c31 = bias1;
  for (int k = 0; k < K; k++) {
    const v128_t a = wasm_v128_load(ap + 4 * k);
    const v128_t b0 = wasm_v128_load(bp + 8 * k), b1 = wasm_v128_load(bp + 8 * k + 4);
    v128_t x = wasm_i32x4_shuffle(a, a, 0, 0, 0, 0);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(x, b0));
    c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(x, b1));
    x = wasm_i32x4_shuffle(a, a, 1, 1, 1, 1);
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(x, b0));
    c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(x, b1));
    x = wasm_i32x4_shuffle(a, a, 2, 2, 2, 2);
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(x, b0));
    c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(x, b1));
    x = wasm_i32x4_shuffle(a, a, 3, 3, 3, 3);
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(x, b0));
    c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(x, b1));
  }
  store_lanes(C, c00, cols0, relu); store_lanes(C + 4, c01, cols1, relu);
  if (rows < 2) return;
  C += ldc;
  store_lanes(C, c10, cols0, relu); store_lanes(C + 4, c11, cols1, relu);
  if (rows < 3) return;
  C += ldc;
  store_lanes(C, c20, cols0, relu); store_lanes(C + 4, c21, cols1, relu);
  if (rows < 4) return;
  C += ldc;
  store_lanes(C, c30, cols0, relu); store_lanes(C + 4, c31, cols1, relu);
}

/*
 * C[M,N] = op(A)[M,K] op(B)[K,N] (+ bias[N]) (ReLU), row-major, op = transpose when asked.
 * Both operands are packed into `scratch` first (GotoBLAS-style panels; the caller allocates
 * 4*K*(ceil(M/4)*4 + ceil(N/8)*8) bytes from the backend's malloc): packing costs (M+N)K
 * moves against MNK multiply-adds, reads either layout of A and B at unit stride, and avoids
 * the 4 KiB cache-set aliasing of walking a transposed operand down its columns.
 */
EXPORT(gemm)
void gemm(const float *A, const float *B, float *C, int M, int N, int K, int transA, int transB,
          const float *bias, int relu, float *scratch) {
  const int mPanels = (M + 3) / 4, nPanels = (N + 7) / 8;
  float *aPacked = scratch, *bPacked = scratch + (size)mPanels * 4 * K;
  const size ai = transA ? 1 : (size)K, ak = transA ? (size)M : 1;
  const size bk = transB ? 1 : (size)N, bj = transB ? (size)K : 1;
  for (int p = 0; p < mPanels; p++) pack_a(A, ai, ak, aPacked + (size)p * 4 * K, 4 * p, M, K);
  for (int q = 0; q < nPanels; q++) pack_b(B, bk, bj, bPacked + (size)q * 8 * K, 8 * q, N, K);
  /* Keep the panel of the larger operand in cache and stream the smaller one past it. */
  if (M <= N) {
    for (int q = 0; q < nPanels; q++)
      for (int p = 0; p < mPanels; p++)
        tile_4x8(aPacked + (size)p * 4 * K, bPacked + (size)q * 8 * K, C + (size)4 * p * N + 8 * q, N,
                 M - 4 * p < 4 ? M - 4 * p : 4, N - 8 * q < 8 ? N - 8 * q : 8, K, bias, 8 * q, relu);
  } else {
    for (int p = 0; p < mPanels; p++)
      for (int q = 0; q < nPanels; q++)
        tile_4x8(aPacked + (size)p * 4 * K, bPacked + (size)q * 8 * K, C + (size)4 * p * N + 8 * q, N,
                 M - 4 * p < 4 ? M - 4 * p : 4, N - 8 * q < 8 ? N - 8 * q : 8, K, bias, 8 * q, relu);
  }
}

/* dx[i] = y[i] > 0 ? dy[i] : 0, the gradient of y = relu(x) from its output. */
EXPORT(relu_backward)
void relu_backward(const float *dy, const float *y, float *dx, int n) {
  int i = 0;
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (; i + 4 <= n; i += 4) {
    const v128_t mask = wasm_f32x4_gt(wasm_v128_load(y + i), zero);
    wasm_v128_store(dx + i, wasm_v128_and(wasm_v128_load(dy + i), mask));
  }
  for (; i < n; i++) dx[i] = y[i] > 0.0f ? dy[i] : 0.0f;
}

/* Sum of squares in double (four float lanes summed per step, then widened). */
EXPORT(sum_squares)
double sum_squares(const float *x, int n) {
  double total = 0.0;
  int i = 0;
  for (; i + 64 <= n; i += 64) {
    v128_t acc = wasm_f32x4_splat(0.0f);
    for (int k = i; k < i + 64; k += 4) {
      const v128_t v = wasm_v128_load(x + k);
      acc = wasm_f32x4_add(acc, wasm_f32x4_mul(v, v));
    }
    total += (double)wasm_f32x4_extract_lane(acc, 0) + (double)wasm_f32x4_extract_lane(acc, 1) +
             (double)wasm_f32x4_extract_lane(acc, 2) + (double)wasm_f32x4_extract_lane(acc, 3);
  }
  for (; i < n; i++) total += (double)x[i] * (double)x[i];
  return total;
}

/*
 * One Adam step (Kingma & Ba 2015) on n values, in tf.train.adam's float32 operation order:
 *   g  = g * gradScale                        (only when clipping, as fitModel does)
 *   m' = m * beta1 + g * (1 - beta1)
 *   v' = v * beta2 + g^2 * (1 - beta2)
 *   p' = (m' / (1 - beta1^t)) / (sqrt(v' / (1 - beta2^t)) + eps) * (-lr) + p
 * The constants arrive already rounded to float32 as tfjs rounds them.
 */
EXPORT(adam)
void adam(const float *param, const float *grad, const float *m, const float *v, float *paramOut,
          float *mOut, float *vOut, int n, float negLr, float beta1, float oneMinusBeta1,
          float beta2, float oneMinusBeta2, float oneMinusAccBeta1, float oneMinusAccBeta2,
          float eps, int scaleGrad, float gradScale) {
  int i = 0;
  const v128_t b1 = wasm_f32x4_splat(beta1), c1 = wasm_f32x4_splat(oneMinusBeta1);
  const v128_t b2 = wasm_f32x4_splat(beta2), c2 = wasm_f32x4_splat(oneMinusBeta2);
  const v128_t d1 = wasm_f32x4_splat(oneMinusAccBeta1), d2 = wasm_f32x4_splat(oneMinusAccBeta2);
  const v128_t e = wasm_f32x4_splat(eps), lr = wasm_f32x4_splat(negLr);
  const v128_t s = wasm_f32x4_splat(gradScale);
  for (; i + 4 <= n; i += 4) {
    v128_t g = wasm_v128_load(grad + i);
    if (scaleGrad) g = wasm_f32x4_mul(g, s);
    const v128_t m1 = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), b1), wasm_f32x4_mul(g, c1));
    const v128_t v1 = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), b2),
                                     wasm_f32x4_mul(wasm_f32x4_mul(g, g), c2));
    const v128_t mHat = wasm_f32x4_div(m1, d1);
    const v128_t vHat = wasm_f32x4_div(v1, d2);
    const v128_t step = wasm_f32x4_div(mHat, wasm_f32x4_add(wasm_f32x4_sqrt(vHat), e));
    wasm_v128_store(paramOut + i, wasm_f32x4_add(wasm_f32x4_mul(step, lr), wasm_v128_load(param + i)));
    wasm_v128_store(mOut + i, m1);
    wasm_v128_store(vOut + i, v1);
  }
  for (; i < n; i++) {
    float g = grad[i];
    if (scaleGrad) g = g * gradScale;
    const float m1 = m[i] * beta1 + g * oneMinusBeta1;
    const float v1 = v[i] * beta2 + (g * g) * oneMinusBeta2;
    const float step = (m1 / oneMinusAccBeta1) / (__builtin_sqrtf(v1 / oneMinusAccBeta2) + eps);
    paramOut[i] = step * negLr + param[i];
    mOut[i] = m1;
    vOut[i] = v1;
  }
}
