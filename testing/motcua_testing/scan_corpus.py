"""A corpus of Vietnamese paper documents as a one-stop-shop receives them, generated in code.

Each page is drawn at 300 dpi from its ground truth (the text in reading order), then made to
look like what reaches the counter: a desk scanner's copy (turned up to 1.5°, a little blurred,
specked), a page put in the scanner the wrong way round (90/180/270°), or a photo taken with a
phone (perspective, a table around the page, uneven light, a colour cast, JPEG); a clean page is a
straight scan with nothing worse than any scanner's soft optics. Layouts are the
ones administrative papers have: the Decree 30 header in two blocks, forms, tables with ruled
cells, two-column notices, a red stamp and a blue signature over the signer's lines, on A4 and
A5, portrait and landscape.

Nothing here is stored: pages are made again from a seed, so the corpus costs no repository space.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

SERIF = "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"
SERIF_BOLD = "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf"
SANS = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
SANS_BOLD = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"
DPI = 300
A4 = (2480, 3508)
A5 = (1748, 2480)
MM = DPI / 25.4


@dataclass
class Page:
    """A page image and the text a reader takes from it, in reading order (one line per line)."""

    name: str
    kind: str  # clean, scan, turned (90/180/270), phone
    image: object  # PIL.Image
    lines: list[str] = field(default_factory=list)
    paper: str = "A4"

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


# ---------------------------------------------------------------- drawing


class _Sheet:
    """A blank page with a cursor; every line drawn is also written to the ground truth."""

    def __init__(self, size, *, font_size=50, margin_mm=(30, 20, 20, 15)):
        from PIL import Image, ImageDraw

        self.image = Image.new("RGB", size, "white")
        self.draw = ImageDraw.Draw(self.image)
        self.left, self.top, self.right, self.bottom = (int(m * MM) for m in margin_mm)
        self.width = size[0] - self.left - self.right
        self.y = self.top
        self.font_size = font_size
        self.lines: list[str] = []

    def font(self, *, bold=False, size=None, sans=False):
        from PIL import ImageFont

        path = (SANS_BOLD if bold else SANS) if sans else (SERIF_BOLD if bold else SERIF)
        return ImageFont.truetype(path, size or self.font_size)

    def text_width(self, text, font) -> int:
        return int(self.draw.textlength(text, font=font))

    def line(self, text, *, bold=False, size=None, align="left", x=None, width=None, gap=1.55, record=True):
        font = self.font(bold=bold, size=size)
        x0 = self.left if x is None else x
        span = self.width if width is None else width
        w = self.text_width(text, font)
        if align == "center":
            x0 += (span - w) // 2
        elif align == "right":
            x0 += span - w
        self.draw.text((x0, self.y), text, font=font, fill=(0, 0, 0))
        self.y += int((size or self.font_size) * gap)
        if record:
            self.lines.append(text)

    def paragraph(self, text, *, indent=True, width=None, x=None, size=None, gap=1.5):
        """Wrapped to the column, as a word processor would; each wrapped line is one line of truth."""
        font = self.font(size=size)
        span = self.width if width is None else width
        x0 = self.left if x is None else x
        words, current, first = text.split(), "", True
        for word in words:
            trial = f"{current} {word}".strip()
            room = span - (int(1.2 * (size or self.font_size)) if first and indent else 0)
            if current and self.text_width(trial, font) > room:
                self._wrapped(
                    current, font, x0 + (int(1.2 * (size or self.font_size)) if first and indent else 0)
                )
                first, current = False, word
            else:
                current = trial
        if current:
            self._wrapped(
                current, font, x0 + (int(1.2 * (size or self.font_size)) if first and indent else 0)
            )
        self.y += int((size or self.font_size) * (gap - 1.3))  # a little air between paragraphs

    def _wrapped(self, text, font, x):
        self.draw.text((x, self.y), text, font=font, fill=(0, 0, 0))
        self.y += int(font.size * 1.5)
        self.lines.append(text)

    def space(self, mm: float):
        self.y += int(mm * MM)


def _header(sheet: _Sheet, agency_above: str, agency: str, number: str, place_date: str, *, size=44):
    """The Decree 30 header: agency and number on the left, national title and date on the right.

    The two blocks share their baselines, so the text reads across them line by line (the left
    line, then the right one), as Tesseract and pdftotext read them; the issuer is the left part.
    """
    half = sheet.width * 2 // 5
    right_x, right_w = sheet.left + half, sheet.width - half
    left = [(agency_above, False), (agency, True), (number, False)]
    right = [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("Độc lập - Tự do - Hạnh phúc", True),
        (place_date, False),
    ]
    for row, ((left_text, left_bold), (right_text, right_bold)) in enumerate(zip(left, right, strict=True)):
        if row == 2:
            sheet.space(2)
        top = sheet.y
        sheet.line(left_text, bold=left_bold, size=size, align="center", width=half, record=False)
        sheet.y = top
        sheet.line(
            right_text, bold=right_bold, size=size, align="center", x=right_x, width=right_w, record=False
        )
        sheet.lines.append(f"{left_text} {right_text}")
        if row == 1:  # the short rules under the agency and under the motto
            y = sheet.y - int(size * 0.35)
            sheet.draw.line((sheet.left + half // 3, y, sheet.left + 2 * half // 3, y), fill=0, width=3)
            sheet.draw.line((right_x + right_w // 4, y, right_x + 3 * right_w // 4, y), fill=0, width=3)
    sheet.y += int(6 * MM)


def _signature_block(sheet: _Sheet, role: str, title: str, name: str, *, stamp: str | None, seed: int):
    """The signer's block on the right; with ``stamp``, a red seal over its left part and a blue signature."""
    half = sheet.width // 2
    x = sheet.left + half
    top = sheet.y
    sheet.line(role, bold=True, x=x, width=half, align="center")
    sheet.line(title, bold=True, x=x, width=half, align="center")
    sheet.space(24)
    sheet.line(name, bold=True, x=x, width=half, align="center")
    if stamp:
        rng = random.Random(seed)
        centre = (x + half // 2 - int(18 * MM), top + int(22 * MM))
        _seal(sheet.image, centre, int(19 * MM), stamp)
        _scribble(sheet.image, (x + half // 2 - int(10 * MM), top + int(20 * MM)), rng)


def _seal(image, centre, radius, text):
    """A red round seal (con dấu): two rings, the agency's name around, a star in the middle. Ink multiplies."""
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    size = 2 * radius + 20
    ink = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(ink)
    red = (205, 30, 40)
    c = size // 2
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=red, width=9)
    draw.ellipse((c - radius + 70, c - radius + 70, c + radius - 70, c + radius - 70), outline=red, width=5)
    star = [
        (
            c + 60 * math.cos(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4),
            c + 60 * math.sin(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    font = ImageFont.truetype(SANS_BOLD, 34)
    letters = list(text)
    spread = 300.0
    for k, letter in enumerate(letters):
        angle = -90 - spread / 2 + spread * (k + 0.5) / len(letters)
        glyph = Image.new("L", (60, 60), 0)
        ImageDraw.Draw(glyph).text((30, 30), letter, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-angle - 90, resample=Image.BICUBIC)
        px = c + (radius - 36) * math.cos(math.radians(angle)) - 30
        py = c + (radius - 36) * math.sin(math.radians(angle)) - 30
        ink.paste(Image.new("RGB", (60, 60), red), (int(px), int(py)), glyph)
    box = (centre[0] - c, centre[1] - c)
    region = image.crop((box[0], box[1], box[0] + size, box[1] + size))
    image.paste(ImageChops.multiply(region, ink), box)


def _scribble(image, start, rng):
    """A signature in blue ink: a few loops of a smooth random curve."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    x, y = start
    points = []
    for t in range(260):
        x += 2.2 + 1.2 * math.sin(t / 7.0)
        y += 5.5 * math.sin(t / 4.5 + rng.random() * 0.3)
        points.append((x, y))
    draw.line(points, fill=(25, 45, 160), width=5, joint="curve")


# ---------------------------------------------------------------- layouts

PEOPLE = [
    ("Nguyễn Thị Hồng Nhung", "05/03/1991", "xã Đức Thọ, tỉnh Hà Tĩnh"),
    ("Trần Văn Đức", "12/11/1985", "phường Thành Sen, tỉnh Hà Tĩnh"),
    ("Lê Hoàng Yến", "28/02/1979", "xã Cẩm Xuyên, tỉnh Hà Tĩnh"),
    ("Phạm Quốc Việt", "09/07/2001", "phường Bắc Hồng Lĩnh, tỉnh Hà Tĩnh"),
    ("Võ Thị Ánh Tuyết", "17/09/1968", "xã Kỳ Anh, tỉnh Hà Tĩnh"),
    ("Đặng Minh Khôi", "30/04/1995", "phường Trần Phú, tỉnh Hà Tĩnh"),
]

AGENCIES = [
    ("UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP", "SỞ TƯ PHÁP TỈNH HÀ TĨNH"),
    ("UBND TỈNH HÀ TĨNH", "SỞ XÂY DỰNG", "SỞ XÂY DỰNG TỈNH HÀ TĨNH"),
    ("UBND TỈNH HÀ TĨNH", "UBND PHƯỜNG THÀNH SEN", "UBND PHƯỜNG THÀNH SEN"),
    ("BỘ CÔNG AN", "CÔNG AN TỈNH HÀ TĨNH", "CÔNG AN TỈNH HÀ TĨNH"),
]

NOTICE = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; căn cứ Nghị định số "
    "61/2018/NĐ-CP của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết "
    "thủ tục hành chính.",
    "Tổ chức, cá nhân có nhu cầu thực hiện thủ tục hành chính nộp hồ sơ trực tuyến trên Cổng dịch vụ "
    "công hoặc nộp trực tiếp tại Bộ phận một cửa; kết quả được trả qua dịch vụ bưu chính công ích "
    "nếu người nộp có yêu cầu.",
    "Thời gian tiếp nhận hồ sơ: sáng từ 7 giờ 30 phút đến 11 giờ 30 phút, chiều từ 13 giờ 30 phút "
    "đến 17 giờ, từ thứ Hai đến thứ Sáu, trừ ngày nghỉ lễ, Tết theo quy định.",
    "Mọi phản ánh, kiến nghị về quy định hành chính và việc giải quyết thủ tục xin gửi về đường dây "
    "nóng hoặc hộp thư điện tử của Trung tâm Phục vụ hành chính công tỉnh để được xem xét, trả lời.",
]

COLUMNS = [
    "Người dân được hướng dẫn kê khai đầy đủ thông tin trên tờ khai điện tử; các trường bắt buộc "
    "được đánh dấu và kiểm tra ngay khi nhập. Giấy tờ đã được số hóa không phải nộp lại.",
    "Cán bộ tiếp nhận kiểm tra tính đầy đủ của hồ sơ, cấp giấy tiếp nhận và hẹn trả kết quả, "
    "chuyển hồ sơ đến phòng chuyên môn đúng thời hạn quy định.",
    "Trường hợp hồ sơ chưa đầy đủ, cán bộ hướng dẫn bổ sung một lần bằng văn bản, nêu rõ lý do "
    "và thành phần cần bổ sung; thời gian bổ sung không tính vào thời hạn giải quyết.",
    "Kết quả giải quyết được ký số và lưu vào kho dữ liệu điện tử của tổ chức, cá nhân để sử "
    "dụng lại khi thực hiện các thủ tục hành chính khác.",
]


def decision_page(seed: int, *, stamp: bool) -> _Sheet:
    """A decision (quyết định) of an agency: header, title, body, signer (with seal and signature)."""
    rng = random.Random(seed)
    above, agency, seal = AGENCIES[seed % len(AGENCIES)]
    person = PEOPLE[seed % len(PEOPLE)]
    sheet = _Sheet(A4, font_size=50)
    _header(
        sheet,
        above,
        agency,
        f"Số: {100 + seed}/QĐ-STP",
        f"Hà Tĩnh, ngày {1 + seed % 27} tháng {1 + seed % 12} năm 2026",
    )
    sheet.line("QUYẾT ĐỊNH", bold=True, size=56, align="center")
    sheet.line("Về việc cấp phiếu lý lịch tư pháp", bold=True, align="center")
    sheet.space(4)
    for text in rng.sample(NOTICE, 2):
        sheet.paragraph(text)
    sheet.paragraph(
        f"Cấp phiếu lý lịch tư pháp số {2000 + seed} cho ông/bà {person[0]}, sinh ngày {person[1]}, "
        f"nơi cư trú: {person[2]}."
    )
    sheet.space(6)
    _signature_block(
        sheet, "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Thị Thu Hằng", stamp=seal if stamp else None, seed=seed
    )
    return sheet


def form_page(seed: int, *, paper=A4) -> _Sheet:
    """A declaration form (tờ khai): labels with the values typed after them."""
    person = PEOPLE[seed % len(PEOPLE)]
    small = paper == A5
    sheet = _Sheet(
        paper, font_size=40 if small else 50, margin_mm=(18, 12, 12, 10) if small else (30, 20, 20, 15)
    )
    sheet.line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align="center")
    sheet.line("Độc lập - Tự do - Hạnh phúc", bold=True, align="center")
    sheet.space(6)
    sheet.line("TỜ KHAI ĐĂNG KÝ THƯỜNG TRÚ", bold=True, size=sheet.font_size + 6, align="center")
    sheet.line("Kính gửi: Công an phường Thành Sen", align="center")
    sheet.space(4)
    fields = [
        ("1. Họ, chữ đệm và tên", person[0]),
        ("2. Ngày, tháng, năm sinh", person[1]),
        ("3. Giới tính", "Nữ" if seed % 2 else "Nam"),
        ("4. Số định danh cá nhân", f"04219{seed:02d}0{3 + seed % 6}1{seed % 10}8{(7 * seed) % 10}"),
        ("5. Nơi thường trú", person[2]),
        ("6. Nghề nghiệp", "Giáo viên trường trung học cơ sở"),
        ("7. Số điện thoại liên hệ", f"09{seed % 10}3 4{seed % 7}8 6{(3 * seed) % 10}1"),
        ("8. Nội dung đề nghị", "Đăng ký thường trú tại chỗ ở hợp pháp"),
    ]
    for label, value in fields:
        sheet.line(f"{label}: {value}")
    sheet.space(4)
    sheet.paragraph(
        "Tôi xin cam đoan những lời khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật về "
        "nội dung đã kê khai."
    )
    sheet.space(4)
    half = sheet.width // 2
    sheet.line("NGƯỜI KÊ KHAI", bold=True, x=sheet.left + half, width=half, align="center")
    sheet.line("(Ký, ghi rõ họ tên)", x=sheet.left + half, width=half, align="center")
    sheet.space(14 if small else 20)
    sheet.line(person[0], bold=True, x=sheet.left + half, width=half, align="center")
    return sheet


def table_page(seed: int, *, landscape=False) -> _Sheet:
    """A register (danh sách) as a ruled table; read row by row, cells left to right."""
    size = (A4[1], A4[0]) if landscape else A4
    sheet = _Sheet(size, font_size=44, margin_mm=(20, 15, 15, 15) if landscape else (25, 18, 15, 15))
    sheet.line("DANH SÁCH HỒ SƠ TRẢ KẾT QUẢ TRONG NGÀY", bold=True, size=50, align="center")
    sheet.line(f"Ngày {1 + seed % 27} tháng {1 + seed % 12} năm 2026", align="center")
    sheet.space(4)
    headers = ["STT", "Mã hồ sơ", "Người nộp", "Thủ tục", "Kết quả"]
    procedures = ["Khai sinh", "Kết hôn", "Chứng thực", "Cấp phép", "Thường trú", "Hộ tịch"]
    results = ["Đã trả", "Chờ ký", "Đã trả", "Bổ sung", "Đã trả", "Đúng hạn"]
    shares = [0.08, 0.27, 0.27, 0.2, 0.18]
    rows = [headers] + [
        [
            str(k + 1),
            f"H42.{(seed + k) % 90 + 10}-2603{10 + k}-{1000 + 37 * k + seed}",
            PEOPLE[(seed + k) % len(PEOPLE)][0],
            procedures[(seed + k) % len(procedures)],
            results[(seed * 3 + k) % len(results)],
        ]
        for k in range(8 if landscape else 12)
    ]
    row_h = int(sheet.font_size * 2.1)
    x_edges = [sheet.left]
    for share in shares:
        x_edges.append(x_edges[-1] + int(sheet.width * share))
    top = sheet.y
    for r, row in enumerate(rows):
        y = top + r * row_h
        for c, cell in enumerate(row):
            font = sheet.font(bold=r == 0)
            sheet.draw.text((x_edges[c] + 16, y + int(row_h * 0.22)), cell, font=font, fill=0)
        sheet.lines.append(" ".join(row))
    bottom = top + len(rows) * row_h
    for r in range(len(rows) + 1):
        sheet.draw.line((x_edges[0], top + r * row_h, x_edges[-1], top + r * row_h), fill=0, width=3)
    for x in x_edges:
        sheet.draw.line((x, top, x, bottom), fill=0, width=3)
    sheet.y = bottom + int(8 * MM)
    sheet.line(f"Tổng số: {len(rows) - 1} hồ sơ.")
    return sheet


def columns_page(seed: int) -> _Sheet:
    """A two-column notice (thông báo): the left column is read to its end, then the right one."""
    rng = random.Random(seed)
    sheet = _Sheet(A4, font_size=46)
    sheet.line("THÔNG BÁO", bold=True, size=56, align="center")
    sheet.line("Về quy trình tiếp nhận và trả kết quả", bold=True, align="center")
    sheet.space(6)
    gutter = int(10 * MM)
    column = (sheet.width - gutter) // 2
    top = sheet.y
    texts = rng.sample(COLUMNS, 4)
    for text in texts[:2]:
        sheet.paragraph(text, width=column, indent=True)
    sheet.y = top
    for text in texts[2:]:
        sheet.paragraph(text, width=column, x=sheet.left + column + gutter, indent=True)
    return sheet


def corpus_sheets() -> list[tuple[str, _Sheet, str]]:
    """Every layout of the corpus, named, with its paper."""
    return [
        ("quyet-dinh-dau-chu-ky", decision_page(1, stamp=True), "A4"),
        ("quyet-dinh", decision_page(2, stamp=False), "A4"),
        ("to-khai", form_page(3), "A4"),
        ("to-khai-a5", form_page(4, paper=A5), "A5"),
        ("danh-sach", table_page(5), "A4"),
        ("danh-sach-ngang", table_page(6, landscape=True), "A4 ngang"),
        ("thong-bao-hai-cot", columns_page(7), "A4"),
    ]


# ---------------------------------------------------------------- what the counter receives


def scanned(
    image, *, seed: int, turn: float | None = None, blur: float = 0.8, specks: float = 0.0015, gray=True
):
    """A desk scanner's copy: turned a little (≤ 1.5°), softened, specked with dust; grey unless colour matters."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    angle = turn if turn is not None else rng.uniform(-1.5, 1.5)
    out = image.convert("L") if gray else image.convert("RGB")
    out = out.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255 if gray else (255, 255, 255))
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    if specks:
        pixels = out.load()
        width, height = out.size
        for _ in range(int(width * height * specks)):
            x, y = rng.randrange(width), rng.randrange(height)
            tone = rng.choice((70, 120, 170))
            pixels[x, y] = tone if gray else (tone, tone, tone)
    return out


def photographed(image, *, seed: int):
    """A phone's photo of the page: on a desk, seen at an angle, lit from one side, warm, JPEG-softened."""
    import cv2
    import numpy as np
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    page = np.asarray(image.convert("RGB"), dtype=np.float32)
    h, w = page.shape[:2]
    canvas_w, canvas_h = int(w * 1.25), int(h * 1.18)
    jitter = lambda span: rng.uniform(0.02, 0.07) * span  # noqa: E731
    ox, oy = (canvas_w - w) / 2, (canvas_h - h) / 2
    corners = np.float32(
        [
            [ox + jitter(w), oy + jitter(h)],
            [ox + w - jitter(w), oy + jitter(h) * 0.5],
            [ox + w + jitter(w) * 0.6, oy + h - jitter(h)],
            [ox - jitter(w) * 0.6, oy + h - jitter(h) * 0.3],
        ]
    )
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), corners)
    desk = np.empty((canvas_h, canvas_w, 3), np.float32)
    desk[:] = (96, 78, 62)  # a wooden desk
    grain = (
        np.random.default_rng(seed).normal(0, 9, (canvas_h // 8 + 1, canvas_w // 8 + 1)).astype(np.float32)
    )
    desk += cv2.resize(grain, (canvas_w, canvas_h))[..., None]
    warped = cv2.warpPerspective(
        page, matrix, (canvas_w, canvas_h), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0)
    )
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, (canvas_w, canvas_h))[..., None]
    photo = warped * mask + desk * (1 - mask)
    # light from one corner: 100 % there, about 62 % at the far corner; a warm cast
    yy, xx = np.mgrid[0:canvas_h, 0:canvas_w].astype(np.float32)
    side = rng.choice(((0, 0), (canvas_w, 0), (0, canvas_h), (canvas_w, canvas_h)))
    distance = np.hypot(xx - side[0], yy - side[1]) / math.hypot(canvas_w, canvas_h)
    light = 1.0 - 0.38 * distance
    photo *= light[..., None]
    photo *= np.float32([1.0, 0.95, 0.85])
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    out = Image.fromarray(photo).filter(ImageFilter.GaussianBlur(1.1))
    # a 12-megapixel phone: about 4000 pixels on the long side
    scale = 4000 / max(out.size)
    return out.resize((int(out.width * scale), int(out.height * scale)), Image.LANCZOS)


def turned(image, quarter_turns: int):
    """The page fed into the scanner sideways or upside down."""
    from PIL import Image

    return image.transpose({1: Image.ROTATE_90, 2: Image.ROTATE_180, 3: Image.ROTATE_270}[quarter_turns])


def corpus(*, phones: bool = True) -> list[Page]:
    """At least 20 pages: each layout clean and scanned, some turned by quarter turns, some photographed."""
    pages: list[Page] = []
    sheets = corpus_sheets()
    for number, (name, sheet, paper) in enumerate(sheets):
        stamped = name == "quyet-dinh-dau-chu-ky"
        clean = scanned(sheet.image, seed=number, turn=0.0, blur=0.6, specks=0.0, gray=not stamped)
        pages.append(Page(f"{name}/sach", "clean", clean, sheet.lines, paper))
        pages.append(
            Page(
                f"{name}/quet",
                "scan",
                scanned(sheet.image, seed=number, gray=not stamped),
                sheet.lines,
                paper,
            )
        )
    for number, (name, sheet, paper) in enumerate(sheets[:4]):
        quarter = 1 + number % 3
        copy = scanned(sheet.image, seed=40 + number, gray=name != "quyet-dinh-dau-chu-ky")
        pages.append(Page(f"{name}/xoay-{90 * quarter}", "turned", turned(copy, quarter), sheet.lines, paper))
    if phones:
        for number, (name, sheet, paper) in enumerate(sheets[:4]):
            pages.append(
                Page(
                    f"{name}/dien-thoai",
                    "phone",
                    photographed(sheet.image, seed=80 + number),
                    sheet.lines,
                    paper,
                )
            )
    return pages


def phone_jpeg(image) -> bytes:
    """The photo as a phone sends it: a JPEG that claims 72 dpi."""
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88, dpi=(72, 72))
    return buffer.getvalue()


def accuracy(expected: str, found: str) -> float:
    """Character accuracy: 1 − normalized Levenshtein distance over the text with whitespace collapsed."""
    from rapidfuzz.distance import Levenshtein

    a, b = " ".join(expected.split()), " ".join(found.split())
    return 1.0 - Levenshtein.normalized_distance(a, b)
