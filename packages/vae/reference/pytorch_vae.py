"""Reference: the classic VAE (PyTorch examples' vae/main.py) on vaelab's embedded MNIST split.

Same model and hyperparameters as `vaelab train --variant vae --dataset mnist --epochs 10`:
784-400-20 with ReLU, Bernoulli likelihood (BCE summed over pixels), Adam lr 1e-3 (eps 1e-8),
batch 128 (last partial batch dropped, as vaelab does), dynamic binarization of the training
batches, Glorot-uniform weights and zero biases (Keras/tfjs defaults, as vaelab). The test
set is the one vaelab evaluates on, binarized identically (export-split.ts); the figure is
the single-sample ELBO averaged over it, in nats.

    npx tsx packages/vae/reference/export-split.ts /tmp/vaelab-mnist
    python3 packages/vae/reference/pytorch_vae.py /tmp/vaelab-mnist --epochs 10 --seed 0
"""
import argparse
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 40)  # mu and logvar in one layer, as vaelab's encoder head
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)
        for layer in (self.fc1, self.fc21, self.fc3, self.fc4):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)

    def forward(self, x):
        h = F.relu(self.fc1(x))
        mu, logvar = self.fc21(h).chunk(2, dim=1)
        logvar = logvar.clamp(-10, 10)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.fc4(F.relu(self.fc3(z))), mu, logvar


def terms(model, x):
    logits, mu, logvar = model(x)
    rec = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
    return rec, kl


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    train = torch.from_numpy(np.fromfile(f"{args.data}/train.f32", dtype=np.float32).reshape(-1, 784))
    test = torch.from_numpy(np.fromfile(f"{args.data}/test-binarized.f32", dtype=np.float32).reshape(-1, 784))
    model = VAE()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-8)
    batch = 128
    steps = len(train) // batch
    start = time.time()
    for epoch in range(args.epochs):
        order = torch.randperm(len(train))
        for s in range(steps):
            x = torch.bernoulli(train[order[s * batch:(s + 1) * batch]])
            rec, kl = terms(model, x)
            loss = (rec + kl).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
    seconds = time.time() - start
    with torch.no_grad():
        rec, kl = terms(model, test)
    elbo = -(rec + kl).mean().item()
    print(f"pytorch {torch.__version__}: {args.epochs} epochs, {steps * args.epochs * batch / seconds:.0f} samples/s "
          f"({torch.get_num_threads()} threads); test ELBO {elbo:.2f} nats, reconstruction {rec.mean().item():.2f}, KL {kl.mean().item():.2f}")


if __name__ == "__main__":
    main()
