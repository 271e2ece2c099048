"""Reference values for @vaelab/metrics, written to fixtures.json.

An independent numpy transcription of disentanglement_lib's metric code
(google-research/disentanglement_lib, evaluation/metrics/mig.py `_compute_mig`,
utils.py `_histogram_discretize`, `discrete_mutual_info`, `discrete_entropy`, and
sap_score.py `compute_score_matrix`, `compute_avg_diff_top_two`), with sklearn's
`mutual_info_score` re-implemented in numpy. Inputs are generated from a fixed seed here.

When scikit-learn is importable the script also records the learners the metrics depend on:
LinearSVC (SAP, discrete factors), LogisticRegression (beta-VAE score) and
GradientBoostingClassifier (DCI importances).

Orientation: like disentanglement_lib, the functions below take dims x points arrays; the JSON
stores points x dims (codes[i] is point i), the convention of the TypeScript package.

Run: python3 packages/metrics/reference/reference.py
"""
import json
import os

import numpy as np


def mutual_info_score(labels_true, labels_pred):
    """sklearn.metrics.mutual_info_score (nats) from the contingency table."""
    _, a = np.unique(labels_true, return_inverse=True)
    _, b = np.unique(labels_pred, return_inverse=True)
    contingency = np.zeros((a.max() + 1, b.max() + 1), dtype=np.int64)
    np.add.at(contingency, (a, b), 1)
    nzx, nzy = np.nonzero(contingency)
    nz_val = contingency[nzx, nzy]
    contingency_sum = contingency.sum()
    pi = np.ravel(contingency.sum(axis=1))
    pj = np.ravel(contingency.sum(axis=0))
    if pi.size == 1 or pj.size == 1:
        return 0.0
    log_contingency_nm = np.log(nz_val)
    contingency_nm = nz_val / contingency_sum
    outer = pi.take(nzx).astype(np.int64) * pj.take(nzy).astype(np.int64)
    log_outer = -np.log(outer) + np.log(pi.sum()) + np.log(pj.sum())
    mi = contingency_nm * (log_contingency_nm - np.log(contingency_sum)) + contingency_nm * log_outer
    mi = np.where(np.abs(mi) < np.finfo(mi.dtype).eps, 0.0, mi)
    return float(np.clip(mi.sum(), 0.0, None))


def histogram_discretize(target, num_bins):
    discretized = np.zeros_like(target)
    for i in range(target.shape[0]):
        discretized[i, :] = np.digitize(target[i, :], np.histogram(target[i, :], num_bins)[1][:-1])
    return discretized


def discrete_mutual_info(mus, ys):
    m = np.zeros([mus.shape[0], ys.shape[0]])
    for i in range(mus.shape[0]):
        for j in range(ys.shape[0]):
            m[i, j] = mutual_info_score(ys[j, :], mus[i, :])
    return m


def discrete_entropy(ys):
    return np.array([mutual_info_score(ys[j, :], ys[j, :]) for j in range(ys.shape[0])])


def compute_mig(mus_train, ys_train, num_bins=20):
    discretized_mus = histogram_discretize(mus_train, num_bins)
    m = discrete_mutual_info(discretized_mus, ys_train)
    entropy = discrete_entropy(ys_train)
    sorted_m = np.sort(m, axis=0)[::-1]
    mig = np.mean(np.divide(sorted_m[0, :] - sorted_m[1, :], entropy[:]))
    return float(mig), m, entropy, discretized_mus


def compute_score_matrix_continuous(mus, ys):
    score_matrix = np.zeros([mus.shape[0], ys.shape[0]])
    for i in range(mus.shape[0]):
        for j in range(ys.shape[0]):
            cov_mu_i_y_j = np.cov(mus[i, :], ys[j, :], ddof=1)
            cov_mu_y = cov_mu_i_y_j[0, 1] ** 2
            var_mu = cov_mu_i_y_j[0, 0]
            var_y = cov_mu_i_y_j[1, 1]
            score_matrix[i, j] = cov_mu_y * 1. / (var_mu * var_y) if var_mu > 1e-12 else 0.
    return score_matrix


def compute_avg_diff_top_two(matrix):
    sorted_matrix = np.sort(matrix, axis=0)
    return float(np.mean(sorted_matrix[-1, :] - sorted_matrix[-2, :]))


def make_inputs(rng, n, sizes):
    """Factors (points x factors) and codes (points x 5) with noise, a rotation, an integer-valued
    code (hits histogram edges exactly) and a constant code (numpy's +-0.5 histogram range)."""
    factors = np.stack([rng.integers(0, s, size=n) for s in sizes], axis=1)
    scaled = factors / (np.array(sizes) - 1.0)
    codes = np.zeros((n, 5))
    codes[:, 0] = scaled[:, 0] + 0.05 * rng.standard_normal(n)
    codes[:, 1] = 0.8 * scaled[:, 1] + 0.6 * scaled[:, 2] + 0.1 * rng.standard_normal(n)
    codes[:, 2] = -0.6 * scaled[:, 1] + 0.8 * scaled[:, 2] + 0.1 * rng.standard_normal(n)
    codes[:, 3] = factors[:, 3].astype(np.float64)
    codes[:, 4] = 0.25
    return codes, factors


def main():
    rng = np.random.default_rng(20180215)
    sizes = [3, 6, 10, 10]
    codes, factors = make_inputs(rng, 400, sizes)
    codes_test, factors_test = make_inputs(rng, 200, sizes)
    mig, m, entropy, discretized = compute_mig(codes.T, factors.T, 20)
    score_matrix = compute_score_matrix_continuous(codes.T, factors.T)
    out = {
        'description': 'reference.py: numpy transcription of disentanglement_lib MIG and SAP',
        'numBins': 20,
        'codes': codes.tolist(),
        'factors': factors.tolist(),
        'codesTest': codes_test.tolist(),
        'factorsTest': factors_test.tolist(),
        'mig': {
            'mig': mig,
            'mutualInformation': m.tolist(),
            'factorEntropy': entropy.tolist(),
            'discretizedPerDim': discretized.astype(int).tolist(),
        },
        'sapContinuous': {'sap': compute_avg_diff_top_two(score_matrix), 'scoreMatrix': score_matrix.tolist()},
    }
    try:
        import sklearn
        from sklearn import ensemble, linear_model, svm
    except ImportError:
        sklearn = None
    if sklearn is not None:
        out['sklearnVersion'] = sklearn.__version__
        # SAP, discrete factors: disentanglement_lib's LinearSVC(C=0.01, class_weight="balanced").
        disc = np.zeros((codes.shape[1], factors.shape[1]))
        for i in range(codes.shape[1]):
            for j in range(factors.shape[1]):
                clf = svm.LinearSVC(C=0.01, class_weight='balanced', dual=True)
                clf.fit(codes[:, i:i + 1], factors[:, j])
                disc[i, j] = np.mean(clf.predict(codes_test[:, i:i + 1]) == factors_test[:, j])
        out['sapDiscrete'] = {'sap': compute_avg_diff_top_two(disc), 'scoreMatrix': disc.tolist()}
        # The same SVC problems solved to a tight tolerance by liblinear's primal Newton solver
        # (dual coordinate descent converges too slowly to certify the optimum): the optimum
        # our dual solver must reach.
        svcs = []
        for (i, j) in [(1, 1), (3, 3), (0, 0), (2, 1)]:
            clf = svm.LinearSVC(C=0.01, class_weight='balanced', dual=False, tol=1e-12, max_iter=100000)
            clf.fit(codes[:, i:i + 1], factors[:, j])
            svcs.append({'code': i, 'factor': j, 'coef': clf.coef_.tolist(), 'intercept': clf.intercept_.tolist()})
        clf = svm.LinearSVC(C=0.5, dual=False, tol=1e-12, max_iter=100000)
        clf.fit(codes[:, :3], factors[:, 0] % 2)
        out['linearSvc'] = {'oneDimensional': svcs, 'binary': {
            'C': 0.5, 'coef': clf.coef_.tolist(), 'intercept': clf.intercept_.tolist()}}
        # beta-VAE score's classifier: sklearn's default LogisticRegression (lbfgs). Its lbfgs
        # stops a little short of the optimum even at tol=1e-12 (coefficients ~1e-5 off), so the
        # optimum of the same objective is certified with newton-cg at a tight tolerance.
        lr_out = []
        for (cols, target, C) in [([0, 1, 2], 1, 1.0), ([0, 1, 2, 3], 0, 1.0), ([1, 2], 2, 0.3)]:
            y = factors[:, target] if target != 2 else (factors[:, 2] >= 5).astype(int)
            default = linear_model.LogisticRegression(C=C).fit(codes[:, cols], y)
            clf = linear_model.LogisticRegression(C=C, solver='newton-cg', tol=1e-12, max_iter=100000)
            clf.fit(codes[:, cols], y)
            lr_out.append({'columns': cols, 'factor': target, 'binarised': target == 2, 'C': C,
                           'coef': clf.coef_.tolist(), 'intercept': clf.intercept_.tolist(),
                           'trainAccuracy': float(clf.score(codes[:, cols], y)),
                           'defaultLbfgsCoef': default.coef_.tolist(),
                           'defaultLbfgsTrainAccuracy': float(default.score(codes[:, cols], y))})
        out['logisticRegression'] = lr_out
        # DCI's learner: GradientBoostingClassifier() feature importances and accuracies.
        gbt = []
        for j in range(factors.shape[1]):
            clf = ensemble.GradientBoostingClassifier(random_state=0)
            clf.fit(codes[:, :4], factors[:, j])
            gbt.append({'factor': j, 'importances': clf.feature_importances_.tolist(),
                        'trainAccuracy': float(np.mean(clf.predict(codes[:, :4]) == factors[:, j])),
                        'testAccuracy': float(np.mean(clf.predict(codes_test[:, :4]) == factors_test[:, j])),
                        'trainPredictions': clf.predict(codes[:, :4]).tolist()})
        out['gradientBoosting'] = gbt
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print('wrote', path, 'mig', mig, 'sap(cont)', out['sapContinuous']['sap'],
          'sap(disc)', out.get('sapDiscrete', {}).get('sap'))


if __name__ == '__main__':
    main()
