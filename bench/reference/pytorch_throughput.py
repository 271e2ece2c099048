"""Training throughput of vaelab's benchmark models written in PyTorch, on one thread.

The peer of `pnpm bench`: the same architecture, loss, optimiser and batch as the vaelab row it
stands beside, timed the same way (steps per second after warm-up steps, the batch drawn from
a pool of binary images each step). Prints one JSON line: samples/s, steps, torch version and
thread count.

One thread, always: the caller sets OPENBLAS_NUM_THREADS=1 and OMP_NUM_THREADS=1 (without the
first, OpenBLAS takes every core whatever torch says) and this script calls
torch.set_num_threads(1).

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 bench/reference/pytorch_throughput.py \
        '{"kind": "mlp", "input": [32, 32, 1], "hidden": [256, 256], "latent": 10, "batch": 64, "beta": 4}'

Model kinds (mirroring @vaelab/core's builders):
- mlp: encoder input -> hidden... -> 2 x latent, decoder latent -> reversed hidden... -> input,
  Glorot-uniform weights, zero biases, `activation` (relu or tanh) between layers;
- conv: disentanglement_lib's conv_encoder (conv 32-32-64-64, kernels 4-4-2-2, stride 2,
  'same' padding, dense 256) and deconv_decoder (dense 256, dense 4x4x64 for 64x64 images,
  transposed convs 64-32-32-channels, kernel 4, stride 2), ReLU;
- hvae: Burda et al. 2015's two-layer MNIST model as vaelab's HierarchicalVAE: x -> 200-200
  -> z1 -> 100-100 -> z2, priors p(z1|z2) through 100-100, decoder z1 -> 200-200 -> x, tanh;
  KL of z2 in closed form, the z1 term as log q(z1|x) - log p(z1|z2) at the sample.
Loss: Bernoulli log-likelihood (BCE with logits, summed over pixels) plus beta times the KL,
averaged over the batch; Adam lr 1e-3, eps 1e-8.
"""
import json
import math
import os
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F

LOG_2PI = math.log(2 * math.pi)


def linear(n_in, n_out):
    layer = nn.Linear(n_in, n_out)
    nn.init.xavier_uniform_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


def mlp(sizes, activation):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(activation())
    return nn.Sequential(*layers)


def kl_standard(mu, logvar):
    return 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)


def log_normal(z, mu, logvar):
    return -0.5 * (LOG_2PI + logvar + (z - mu).pow(2) / logvar.exp()).sum(1)


def sample(mu, logvar):
    return mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)


class MlpVae(nn.Module):
    def __init__(self, spec):
        super().__init__()
        act = nn.Tanh if spec.get("activation") == "tanh" else nn.ReLU
        d = math.prod(spec["input"])
        self.latent = spec["latent"]
        self.encoder = mlp([d, *spec["hidden"], 2 * self.latent], act)
        self.decoder = mlp([self.latent, *reversed(spec["hidden"]), d], act)

    def forward(self, x):
        mu, logvar = self.encoder(x).chunk(2, dim=1)
        logvar = logvar.clamp(-10, 10)
        return self.decoder(sample(mu, logvar)), kl_standard(mu, logvar)


class ConvVae(nn.Module):
    def __init__(self, spec):
        super().__init__()
        h, w, c = spec["input"]
        self.shape = (c, h, w)
        self.grid = (h // 16, w // 16)
        self.latent = spec["latent"]
        self.encoder = nn.Sequential(
            nn.Conv2d(c, 32, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(32, 32, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(32, 64, 2, 2, 0), nn.ReLU(),
            nn.Conv2d(64, 64, 2, 2, 0), nn.ReLU(),
            nn.Flatten(), linear(64 * self.grid[0] * self.grid[1], 256), nn.ReLU(), linear(256, 2 * self.latent))
        self.stem = nn.Sequential(linear(self.latent, 256), nn.ReLU(), linear(256, 64 * self.grid[0] * self.grid[1]), nn.ReLU())
        self.deconvs = nn.Sequential(
            nn.ConvTranspose2d(64, 64, 4, 2, 1), nn.ReLU(),
            nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(),
            nn.ConvTranspose2d(32, 32, 4, 2, 1), nn.ReLU(),
            nn.ConvTranspose2d(32, c, 4, 2, 1))

    def forward(self, x):
        mu, logvar = self.encoder(x.view(-1, *self.shape)).chunk(2, dim=1)
        logvar = logvar.clamp(-10, 10)
        start = self.stem(sample(mu, logvar)).view(-1, 64, *self.grid)
        return self.deconvs(start).flatten(1), kl_standard(mu, logvar)


class HierarchicalVae(nn.Module):
    def __init__(self, spec):
        super().__init__()
        d = math.prod(spec["input"])
        self.z1, self.z2 = spec["layers"]
        self.encoder = mlp([d, 200, 200, 2 * self.z1], nn.Tanh)
        self.inference = mlp([self.z1, 100, 100, 2 * self.z2], nn.Tanh)
        self.prior = mlp([self.z2, 100, 100, 2 * self.z1], nn.Tanh)
        self.decoder = mlp([self.z1, 200, 200, d], nn.Tanh)

    def forward(self, x):
        mu1, lv1 = self.encoder(x).chunk(2, dim=1)
        lv1 = lv1.clamp(-10, 10)
        z1 = sample(mu1, lv1)
        mu2, lv2 = self.inference(z1).chunk(2, dim=1)
        lv2 = lv2.clamp(-10, 10)
        z2 = sample(mu2, lv2)
        pmu, plv = self.prior(z2).chunk(2, dim=1)
        kl1 = log_normal(z1, mu1, lv1) - log_normal(z1, pmu, plv.clamp(-10, 10))
        return self.decoder(z1), kl1 + kl_standard(mu2, lv2)


def blas_libraries():
    """The BLAS libraries this process mapped, resolved through Debian's alternatives links.

    Debian's python3-torch calls whatever libblas.so.3 points to: with only the reference BLAS
    (libblas3) installed it multiplies matrices about 15x slower than with OpenBLAS
    (libopenblas0-pthread), so a peer figure means little without saying which one ran.
    """
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if line.rstrip().endswith(".so") or ".so." in line}
    except OSError:
        return []
    return sorted({os.path.realpath(p) for p in paths if p.startswith("/") and ("blas" in p or "mkl" in p)})


MODELS = {"mlp": MlpVae, "conv": ConvVae, "hvae": HierarchicalVae}


def main():
    spec = json.loads(sys.argv[1])
    torch.set_num_threads(1)
    torch.manual_seed(spec.get("seed", 0))
    model = MODELS[spec["kind"]](spec)
    opt = torch.optim.Adam(model.parameters(), lr=spec.get("learningRate", 1e-3), eps=1e-8)
    batch = spec["batch"]
    beta = spec.get("beta", 1.0)
    d = math.prod(spec["input"])
    # Binary images about as dense as dSprites and binarized MNIST; throughput does not depend
    # on their content.
    pool = (torch.rand(4096, d) < 0.15).float()
    warmup, steps = spec.get("warmup", 10), spec["steps"]

    def step():
        x = pool[torch.randint(0, len(pool), (batch,))]
        logits, kl = model(x)
        rec = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
        loss = (rec + beta * kl).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        loss = step()
    loss.item()
    seconds = time.perf_counter() - start
    print(json.dumps({
        "samplesPerSecond": steps * batch / seconds, "steps": steps, "seconds": seconds,
        "torch": torch.__version__, "threads": torch.get_num_threads(), "finalLoss": loss.item(),
        "blas": blas_libraries(),
    }))


if __name__ == "__main__":
    main()
