"""Scans for the digitization tests: Vietnamese pages rendered at 300 dpi, as a counter's scanner makes them.

A page is text with every diacritic Vietnamese has, drawn with Noto Serif onto an A4 image at
300 dpi, optionally turned by a degree or two and sprinkled with noise like a real scan.
"""

from __future__ import annotations

import io
import random
import subprocess
import tempfile
from pathlib import Path

FONT = "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"
A4_300DPI = (2480, 3508)

SAMPLE_PAGE = [
    "UBND PHƯỜNG THÀNH SEN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY KHAI SINH",
    "Số: 125/2026/KS",
    "Họ, chữ đệm, tên: Nguyễn Thị Hồng Nhung",
    "Ngày, tháng, năm sinh: 05/03/2026",
    "Nơi sinh: Bệnh viện Đa khoa tỉnh Hà Tĩnh",
    "Quê quán: xã Đức Thọ, tỉnh Hà Tĩnh",
    "Họ, chữ đệm, tên người mẹ: Trần Thị Ánh Tuyết",
    "Họ, chữ đệm, tên người cha: Nguyễn Văn Đức",
    "Hà Tĩnh, ngày 12 tháng 3 năm 2026",
]


def text_page(lines: list[str], *, size: int = 52, rotate: float = 0.0, noise: float = 0.0, seed: int = 1):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size)
    y = 260
    for line in lines:
        draw.text((220, y), line, font=font, fill=0)
        y += int(size * 1.9)
    return scanned(image, rotate=rotate, noise=noise, seed=seed)


def scanned(image, *, rotate: float = 0.0, noise: float = 0.0, seed: int = 1):
    """Turned by ``rotate`` degrees, with a share ``noise`` of pixels flipped to grey specks."""
    if rotate:
        image = image.rotate(rotate, resample=3, expand=False, fillcolor=255)
    if noise:
        rng = random.Random(seed)
        pixels = image.load()
        width, height = image.size
        for _ in range(int(width * height * noise)):
            pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((90, 140, 200))
    return image


def image_bytes(image, kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=kind, dpi=(300, 300), **({"quality": 85} if kind == "JPEG" else {}))
    return buffer.getvalue()


def pdf_of(images) -> bytes:
    """A scanner's batch: one page per image, JPEG at 300 dpi."""
    import img2pdf

    return img2pdf.convert([image_bytes(image, "JPEG") for image in images])


def rasterize(pdf: bytes, *, dpi: int = 300) -> list:
    """A PDF's pages as images (pdftoppm), the way a printed page comes back from a scanner."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="motcua-raster-") as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), f"{tmp}/p"], check=True)
        pages = []
        for png in sorted(Path(tmp).glob("p-*.png")):
            with Image.open(png) as image:
                pages.append(image.copy())
        return pages


def character_accuracy(expected: str, found: str) -> float:
    """1 − (edit distance ÷ expected length), over the text with whitespace collapsed."""
    a, b = " ".join(expected.split()), " ".join(found.split())
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return max(0.0, 1 - previous[-1] / max(1, len(a)))
