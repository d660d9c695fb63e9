#!/usr/bin/env python3
"""PyTorch reference for the training benchmark: the same network, loss and optimiser as
Microsoft.ML.NoisyLabels' AnnotatorConfusionTrainer (U-Net trunk of conv-InstanceNorm-PReLU blocks, bilinear
up-sampling to the skip's size, pixel-wise confusion heads as grouped convolutions, log-softmax over the observed
axis, loss = sum over annotators of -log (A p)[y] computed with logsumexp + lambda * mean-over-annotators trace,
AdamW, 180-degree flips of half the batch). Prints training images/s for each thread count, and inference
images/s. Usage: /usr/bin/python3 eng/bench/torch_reference.py [--threads 1 2] [--device cpu|cuda]"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvNormAct(nn.Module):
    def __init__(self, cin, cout, stride=1, groups=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, groups=groups, bias=False)
        self.norm = nn.InstanceNorm2d(cout, eps=1e-5, affine=True)
        self.act = nn.PReLU(cout, init=0.25)

    def forward(self, x):
        return self.act(self.norm(self.conv(x)))


def double_block(cin, cout):
    return nn.Sequential(ConvNormAct(cin, cout), ConvNormAct(cout, cout))


class Network(nn.Module):
    def __init__(self, cin, classes, width, depth, annotators):
        super().__init__()
        ch = lambda k: width << k
        self.depth, self.classes, self.annotators = depth, classes, annotators
        self.enc = nn.ModuleList([double_block(cin, width)] + [double_block(ch(k), ch(k)) for k in range(1, depth + 1)])
        self.down = nn.ModuleList([ConvNormAct(ch(k - 1), ch(k), stride=2) for k in range(1, depth + 1)])
        self.dec = nn.ModuleList([double_block(ch(k) + ch(k - 1), ch(k - 1)) for k in range(depth, 0, -1)])
        self.classifier = nn.Conv2d(width, classes, 1)
        hidden = width * annotators
        self.cm0 = ConvNormAct(width, hidden)
        self.cm1 = ConvNormAct(hidden, hidden, groups=annotators)
        self.cm_out = nn.Conv2d(hidden, annotators * classes * classes, 1, groups=annotators)

    def forward(self, x):
        skips = []
        x = self.enc[0](x)
        skips.append(x)
        for k in range(1, self.depth + 1):
            x = self.enc[k](self.down[k - 1](x))
            skips.append(x)
        for i, k in enumerate(range(self.depth, 0, -1)):
            skip = skips[k - 1]
            up = F.interpolate(x, size=skip.shape[2:], mode="bilinear", align_corners=False)
            x = self.dec[i](torch.cat([up, skip], 1))
        log_p = F.log_softmax(self.classifier(x), 1)
        n, _, h, w = x.shape
        logits = self.cm_out(self.cm1(self.cm0(x))).reshape(n, self.annotators, self.classes, self.classes, h, w)
        return log_p, F.log_softmax(logits, 2)


def loss_fn(log_p, log_a, labels, present, lam):
    n = log_p.shape[0]
    log_obs = (log_a + log_p.unsqueeze(1).unsqueeze(2)).logsumexp(3)
    ll = log_obs.gather(2, labels.unsqueeze(2)).squeeze(2)
    ce = (-ll.mean((2, 3)) * present).sum() / n
    trace = log_a.diagonal(0, 2, 3).exp().sum(-1).mean((2, 3))
    tr = ((trace * present).sum(1) / present.sum(1).clamp_min(1)).sum() / n
    return ce + lam * tr


def bench(threads, device, images, steps, batch, width, depth, annotators):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    net = Network(1, 2, width, depth, annotators).to(device)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-5)
    x_all = torch.rand(images, 1, 28, 28)
    y_all = (torch.rand(images, annotators, 28, 28) > 0.8).to(torch.uint8)
    present = torch.ones(images, annotators)
    warmup = 10

    def step(i):
        idx = torch.randint(0, images, (batch,))
        flip = torch.rand(batch) < 0.5
        x = x_all[idx]
        y = y_all[idx]
        x = torch.where(flip.view(-1, 1, 1, 1), x.flip(-2, -1), x).to(device)
        y = torch.where(flip.view(-1, 1, 1, 1), y.flip(-2, -1), y).to(device).long()
        opt.zero_grad()
        log_p, log_a = net(x)
        loss = loss_fn(log_p, log_a, y, present[idx].to(device), 0.01)
        loss.backward()
        opt.step()
        return loss.item()

    for i in range(warmup):
        step(i)
    if device == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    for i in range(steps):
        step(i)
    if device == "cuda":
        torch.cuda.synchronize()
    train = steps * batch / (time.perf_counter() - start)

    net.eval()
    with torch.no_grad():
        x = x_all[:1000].to(device)
        start = time.perf_counter()
        for i in range(0, 1000, 100):
            log_p, _ = net(x[i:i + 100])
            log_p.argmax(1)
        if device == "cuda":
            torch.cuda.synchronize()
        infer = 1000 / (time.perf_counter() - start)
    return train, infer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--width", type=int, default=24)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--annotators", type=int, default=5)
    args = parser.parse_args()
    for threads in args.threads:
        train, infer = bench(threads, args.device, 2048, args.steps, args.batch, args.width, args.depth, args.annotators)
        print(f"pytorch {torch.__version__} device={args.device} threads={threads} batch={args.batch} "
              f"train_images_per_s={train:.1f} infer_images_per_s={infer:.1f}", flush=True)


if __name__ == "__main__":
    main()
