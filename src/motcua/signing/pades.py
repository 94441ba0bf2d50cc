"""PAdES signatures with pyHanko: baseline B-B, or B-T when a timestamp authority is configured.

Each signature goes in its own field with a visible box: a QR code to the result's
verification page, who signed, and when. Signing is an incremental update, so a second
signature (the agency's seal after the leader) leaves the first one valid.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from pyhanko import stamp
from pyhanko.pdf_utils import generic, text
from pyhanko.pdf_utils.font.opentype import CIDFontType2, GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko.sign.timestamps import HTTPTimeStamper

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
BOX_WIDTH, BOX_HEIGHT, MARGIN = 230, 70, 36


# Vietnamese is written with Latin letters and the precomposed letters of Latin Extended
# Additional (U+1EA0–U+1EF9), plus ơ ư đ from Latin Extended-A/B.
VIETNAMESE_UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x250),
    *range(0x300, 0x370),
    *range(0x1EA0, 0x1EFA),
    0x20AB,
]


@functools.cache
def vietnamese_font() -> str:
    """A system font cut down to the letters Vietnamese needs, made once per data directory.

    pyHanko subsets the font into every signature it draws; starting from a 50 KB font
    instead of a 500 KB one makes a signature several times faster.
    """
    from django.conf import settings
    from fontTools import subset

    source = next((c for c in FONT_CANDIDATES if Path(c).exists()), None)
    if source is None:
        raise RuntimeError("no Vietnamese font found (apt-get install fonts-noto-core)")
    target = Path(settings.DATA_DIR) / "fonts" / f"{Path(source).stem}-vi.ttf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        options = subset.Options()
        options.layout_features = ["kern", "liga", "ccmp", "mark", "mkmk"]
        options.hinting = False  # signature boxes are printed and zoomed, not rendered at tiny sizes
        font = subset.load_font(source, options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=VIETNAMESE_UNICODES)
        subsetter.subset(font)
        partial = target.with_suffix(".tmp")
        subset.save_font(font, str(partial), options)
        partial.replace(target)
    return str(target)


SEAL_RED = (0.8, 0.0, 0.0)

# The letters every stamp may use besides the signer's and the agency's names (digits of the time,
# the fixed labels): always put in the subset, so that one signer's subsets are one and the same.
STAMP_LETTERS = "0123456789 +-:/.%()ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzáàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ"
_SUBSETS_KEPT = 256
_subsets: dict[tuple, bytes] = {}


class _ReusedSubsetAccumulator(GlyphAccumulator):
    """pyHanko's glyph accumulator, but the font subset for a set of glyphs is made once per process
    and kept: making it (fontTools reads and prunes the whole font) was a third of a signature's time."""

    stamp_gids: frozenset = frozenset()

    def _extract_subset(self, options=None):
        gids = frozenset(self._glyphs) | self.stamp_gids
        key = (self.cidfont_obj.name.split("+", 1)[-1], self.use_raw_gids, gids)
        data = _subsets.get(key)
        if data is None:
            options = subset.Options(layout_closure=False)
            options.drop_tables += ["GPOS", "GDEF", "GSUB"]
            options.retain_gids = self.use_raw_gids
            subsetter = subset.Subsetter(options=options)
            subsetter.populate(gids=sorted(gids))
            subsetter.subset(self.tt)
            buffer = io.BytesIO()
            self.tt.save(buffer)
            data = buffer.getvalue()
            if len(_subsets) >= _SUBSETS_KEPT:
                _subsets.clear()
            _subsets[key] = data
        cidfont = self.cidfont_obj

        def set_font_file(writer):
            stream = generic.StreamObject(stream_data=data)
            stream.compress()
            reference = writer.add_object(stream)
            cidfont._font_descriptor[generic.pdf_name("/FontFile2")] = reference
            return reference

        cidfont.set_font_file = set_font_file


class _QRStamp(stamp.QRStamp):
    """pyHanko's QR stamp with the QR code's mask fixed: choosing the best of the eight masks drew the
    code eight times and scored each, a twentieth of a signature's time; any mask is a valid code."""

    def _qr_xobject(self):
        import qrcode
        from pyhanko.pdf_utils.qr import PdfStreamQRImage
        from pyhanko.pdf_utils.writer import init_xobject_dictionary

        if self.style.qr_inner_content is not None:
            return super()._qr_xobject()
        qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=QR_MASK)
        qr.add_data(self.url)
        qr.make()
        image = qr.make_image(image_factory=PdfStreamQRImage)
        size = (qr.modules_count + 2 * qr.border) * qr.box_size
        xobject = init_xobject_dictionary(image.render_command_stream(), size, size)
        xobject.compress()
        return self.writer.add_object(xobject), size


QR_MASK = 0  # the checkerboard mask (ISO/IEC 18004 pattern 000)


class _QRStampStyle(stamp.QRStampStyle):
    def create_stamp(self, writer, box, text_params):
        text_params = dict(text_params)
        if "url" not in text_params:
            return super().create_stamp(writer, box, text_params)  # pyHanko's own error
        url = text_params.pop("url")
        return _QRStamp(writer, style=self, url=url, text_params=text_params, box=box)


@functools.cache
def _stamp_gids(font_file: str) -> frozenset:
    from fontTools import ttLib

    font = ttLib.TTFont(font_file)
    cmap = font.getBestCmap()
    return frozenset(font.getGlyphID(cmap[ord(c)]) for c in STAMP_LETTERS if ord(c) in cmap)


class _Fonts(GlyphAccumulatorFactory):
    def create_font_engine(self, writer, obj_stream=None):
        engine = super().create_font_engine(writer, obj_stream)
        if not isinstance(engine.cidfont_obj, CIDFontType2):
            return engine  # a CFF font: pyHanko's own subsetting
        engine.__class__ = _ReusedSubsetAccumulator
        engine.stamp_gids = _stamp_gids(self.font_file)
        return engine


@dataclass(frozen=True)
class Placement:
    """Where a signature box goes: a page (0-based, -1 = last) and either a box found in the
    document's signature block (``box``: x0, y0, x1, y1 in points) or, for drafts made before
    documents had one, a slot from the right at the bottom of the page."""

    page: int = -1
    slot: int = 0  # 0: bottom right, 1: left of it, ...
    box: tuple[float, float, float, float] | None = None
    seal: bool = False  # the agency's seal: red, the agency's name and the time (Decree 30/2020)


def _box(reader: PdfFileReader, placement: Placement) -> tuple[int, tuple[int, int, int, int]]:
    pages = int(reader.root["/Pages"]["/Count"])
    page_number = pages - 1 if placement.page < 0 else min(placement.page, pages - 1)
    if placement.box is not None:
        x0, y0, x1, y1 = placement.box
        return page_number, (round(x0), round(y0), round(x1), round(y1))
    page_ref, _resources = reader.find_page_for_modification(page_number)
    media_box = page_ref.get_object().get("/MediaBox") or reader.root["/Pages"].get("/MediaBox")
    width = float(media_box[2]) if media_box else 595.0  # A4
    right = int(width) - MARGIN - placement.slot * (BOX_WIDTH + 12)
    return page_number, (right - BOX_WIDTH, MARGIN, right, MARGIN + BOX_HEIGHT)


def sign_pdf(
    pdf: bytes,
    *,
    signer: Signer,
    field_name: str,
    verification_url: str,
    placement: Placement = Placement(),
    reason: str = "",
    location: str = "",
    timestamp_url: str = "",
    seal_text: str = "",
) -> bytes:
    """The PDF with one more PAdES signature (B-T with ``timestamp_url``, B-B otherwise).

    A leader's box shows a QR code to the verification page, the signer and the time; a seal's
    (``placement.seal``) is red and shows the agency (``seal_text``) and the time, ISO 8601.
    """
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    page, box = _box(writer.prev, placement)
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )
    if placement.seal:
        style = stamp.TextStampStyle(
            stamp_text=_escape("\n".join(textwrap.wrap(seal_text, 16))) + "\n%(ts)s",
            timestamp_format="%Y-%m-%d\n%H:%M:%S%z",
            text_box_style=text.TextBoxStyle(
                font=_Fonts(vietnamese_font(), font_size=6), text_color=SEAL_RED
            ),
            border_width=2,
            border_color=SEAL_RED,
            background=None,
        )
    else:
        # The QR code on the right, so the seal (on the left edge, Decree 30/2020) never covers it.
        style = _QRStampStyle(
            stamp_text="Ký bởi: %(signer)s\nThời gian: %(ts)s\nXác thực: quét mã QR",
            timestamp_format="%d/%m/%Y %H:%M %z",
            text_box_style=text.TextBoxStyle(font=_Fonts(vietnamese_font(), font_size=8)),
            qr_position=stamp.QRPosition.RIGHT_OF_TEXT,
            border_width=1,
        )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=signer,
        timestamper=HTTPTimeStamper(timestamp_url) if timestamp_url else None,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=page, box=box),
    )
    output = io.BytesIO()
    _outside_event_loop(
        lambda: pdf_signer.sign_pdf(writer, output=output, appearance_text_params={"url": verification_url})
    )
    return output.getvalue()


def _escape(value: str) -> str:
    """Stamp texts are %-format strings: a literal % in an agency's name must stay one."""
    return value.replace("%", "%%")


def _outside_event_loop(call):
    """pyHanko's synchronous API runs its own event loop; inside a running one (an ASGI server,
    a browser-driving test) it is run on a helper thread instead."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()
