"""dlkit의 미니배치 SGD와 같은 루프의 torch 구현을 시간 재어 비교한다.

1,000×2 합성 데이터, 배치 크기 10, 3 에포크(갱신 300번). 각각 7번 이상 돌려 중앙값을 낸다.

사용법::

    make bench   (booktools.bench가 :func:`run`을 부른다)
"""

from __future__ import annotations

import statistics
import time

import numpy as np

import dlkit as dk

NUM_RUNS = 9
BATCH_SIZE, NUM_EPOCHS, LR = 10, 3, 0.03


def run_dlkit(X: np.ndarray, y: np.ndarray, seed: int) -> float:
    start = time.perf_counter()
    net = dk.LinearRegression(2, rng=seed)
    dk.train(net, X, y, optimizer=dk.SGD(net.parameters(), lr=LR), batch_size=BATCH_SIZE,
             num_epochs=NUM_EPOCHS, rng=seed, progress=False)
    return time.perf_counter() - start


def run_torch(X: np.ndarray, y: np.ndarray, seed: int) -> float:
    import torch

    start = time.perf_counter()
    Xt, yt = torch.tensor(X), torch.tensor(y)
    net = torch.nn.Linear(2, 1, dtype=torch.float64)
    with torch.no_grad():  # D2L처럼 w ~ N(0, 0.01²), b = 0
        net.weight.normal_(0, 0.01)
        net.bias.zero_()
    optimizer = torch.optim.SGD(net.parameters(), lr=LR)
    rng = np.random.default_rng(seed)
    for _ in range(NUM_EPOCHS):  # dlkit.train과 같은 배치 나누기: 에포크마다 섞고 차례로 자른다
        order = torch.from_numpy(rng.permutation(len(X)))
        X_epoch, y_epoch = Xt[order], yt[order]
        for i in range(0, len(X), BATCH_SIZE):
            loss = ((net(X_epoch[i:i + BATCH_SIZE]) - y_epoch[i:i + BATCH_SIZE]) ** 2 / 2).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        with torch.no_grad():  # dlkit.train처럼 에포크마다 전체 손실을 잰다
            ((net(Xt) - yt) ** 2 / 2).mean().item()
    return time.perf_counter() - start


def run() -> dict[str, float]:
    """dlkit과 torch의 같은 학습 루프 시간(중앙값)과 그 비율."""
    import torch

    torch.set_num_threads(1)
    X, y = dk.synthetic_data([2, -3.4], 4.2, 1000, rng=0)
    run_dlkit(X, y, 0), run_torch(X, y, 0)  # 준비 운동(첫 호출 비용 제외)
    dlkit_times = [run_dlkit(X, y, seed) for seed in range(NUM_RUNS)]
    torch_times = [run_torch(X, y, seed) for seed in range(NUM_RUNS)]
    result = {
        "dlkit_median_s": statistics.median(dlkit_times),
        "torch_median_s": statistics.median(torch_times),
    }
    result["ratio"] = result["dlkit_median_s"] / result["torch_median_s"]
    return result
