"""코드 셀 그림의 팔레트 PNG(booktools.sphinxext.images.shrink_png)와, 빌드된 사이트의 그림이 실제로 줄었는지."""
from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image

from booktools.sphinxext.images import MAX_MEAN_ERROR, shrink_png


def _figure_png(path, dpi=100):
    """장의 그림과 같은 종류: 등고선과 선, 글자가 있는 matplotlib 그림(불투명 RGBA)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    x, y = np.meshgrid(np.linspace(-3, 3, 200), np.linspace(-2, 2, 200))
    ax.contour(x, y, x ** 2 + 5 * y ** 2, levels=20)
    for k in range(4):
        ax.plot(np.linspace(-3, 0, 40), np.sin(np.linspace(0, 3, 40) + k), marker=".", label=f"line {k}")
    ax.legend()
    fig.savefig(path, dpi=dpi)
    plt.close(fig)
    return path


def _mean_error(a: Image.Image, b: Image.Image) -> float:
    return float(np.abs(np.asarray(a.convert("RGB"), dtype=np.int16) - np.asarray(b.convert("RGB"), dtype=np.int16)).mean())


def test_a_figure_becomes_a_smaller_palette_png_that_looks_the_same(tmp_path):
    path = _figure_png(tmp_path / "fig.png")
    before, size = Image.open(path).copy(), path.stat().st_size
    assert before.mode == "RGBA"
    assert shrink_png(path) is True
    after = Image.open(path)
    assert after.mode == "P" and path.stat().st_size < 0.6 * size
    assert _mean_error(before, after) <= MAX_MEAN_ERROR
    assert after.size == before.size and after.info["dpi"] == pytest.approx(before.info["dpi"], abs=0.01)
    assert shrink_png(path) is False  # 두 번째는 건드리지 않는다(이미 팔레트)


def test_a_photo_like_image_is_left_alone(tmp_path):
    """대조군: 256색으로 나타낼 수 없는 그림(색이 고르게 흩어진 잡음)은 오차 검사에 걸려 원본 그대로다."""
    rng = np.random.default_rng(0)
    path = tmp_path / "noise.png"
    Image.fromarray(rng.integers(0, 256, (120, 160, 3), dtype=np.uint8), "RGB").save(path)
    data = path.read_bytes()
    assert shrink_png(path) is False and path.read_bytes() == data


def test_transparency_survives(tmp_path):
    path = tmp_path / "clear.png"
    pixels = np.zeros((60, 80, 4), dtype=np.uint8)
    pixels[:, :40] = (200, 30, 30, 255)  # 왼쪽 절반만 불투명한 빨강
    Image.fromarray(pixels, "RGBA").save(path, compress_level=0)
    assert shrink_png(path) is True
    alpha = np.asarray(Image.open(path).convert("RGBA"))[..., 3]
    assert (alpha[:, :40] == 255).all() and (alpha[:, 40:] == 0).all()


@pytest.mark.build
def test_code_cell_figures_on_the_site_are_palette_pngs(built_book):
    """사이트의 코드 셀 그림(이름이 내용 해시인 _images/*.png)은 모두 팔레트 PNG이고, 04장의 그림 합이 줄었다."""
    images = built_book.html / "_images"
    hashed = [p for p in images.glob("*.png") if re.fullmatch(r"[0-9a-f]{64}\.png", p.name)]
    assert len(hashed) >= 10
    assert [p.name for p in hashed if Image.open(p).mode != "P"] == []
    page = (built_book.html / "chapters" / "04_optim.html").read_text(encoding="utf-8")
    used = set(re.findall(r'src="\.\./_images/([0-9a-f]{64}\.png)"', page))
    assert used and sum((images / n).stat().st_size for n in used) < 250_000  # 팔레트 전: 약 570 KB
