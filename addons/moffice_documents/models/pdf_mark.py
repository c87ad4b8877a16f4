"""The mark on every page of a PDF served from the system (Decree 30,
Appendix VI-III-6k): one line of text at the foot of each page as it is
displayed (rotated pages included), drawn with reportlab on an overlay and
merged into a copy; the bytes given are never changed."""

import io
import logging

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from odoo.http import Stream
from odoo.tools.misc import file_path
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

_logger = logging.getLogger(__name__)

# A font shipped with Odoo (web addon) that has every Vietnamese letter.
FONT_NAME = "MofficeMark"
FONT_PATH = "web/static/fonts/sign/NotoSans-Reg.ttf"
FONT_SIZE = 8.0
MIN_FONT_SIZE = 4.0
# Distance of the line from the foot and the sides of the page, in points.
MARGIN = 12.0
COLOR = colors.Color(0.6, 0.0, 0.0, alpha=0.85)


def _font():
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, file_path(FONT_PATH)))
    return FONT_NAME


def _draw(can, page, text):
    """Draw ``text`` centred at the foot of ``page`` as displayed."""
    box = page.cropbox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    rotation = int(page.get("/Rotate") or 0) % 360
    can.setPageSize((width, height))
    # (origin of the line, angle): the displayed foot of a page turned
    # clockwise by 90° is its right side, by 180° its top, by 270° its left.
    origin, angle = {
        0: ((left + width / 2, bottom + MARGIN), 0),
        90: ((left + width - MARGIN, bottom + height / 2), 90),
        180: ((left + width / 2, bottom + height - MARGIN), 180),
        270: ((left + MARGIN, bottom + height / 2), 270),
    }.get(rotation, ((left + width / 2, bottom + MARGIN), 0))
    length = (width if angle in (0, 180) else height) - 2 * MARGIN
    size = FONT_SIZE
    natural = pdfmetrics.stringWidth(text, FONT_NAME, size)
    if natural > length > 0:
        size = max(MIN_FONT_SIZE, size * length / natural)
    can.saveState()
    can.translate(*origin)
    can.rotate(angle)
    can.setFont(FONT_NAME, size)
    can.setFillColor(COLOR)
    can.drawCentredString(0, 0, text)
    can.restoreState()
    can.showPage()


def mark_pdf(data, text):
    """A copy of the PDF ``data`` with ``text`` at the foot of every page, or
    None when it cannot be read (damaged, or encrypted with a password)."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            _logger.info("Encrypted PDF served without a mark")
            return None
        pages = list(reader.pages)
        font = _font()
        packet = io.BytesIO()
        can = canvas.Canvas(packet)
        can.setFont(font, FONT_SIZE)
        for page in pages:
            _draw(can, page, text)
        can.save()
        overlay = PdfFileReader(packet)
        writer = PdfFileWriter()
        for page, mark in zip(pages, overlay.pages, strict=True):
            page.merge_page(mark)
            writer.add_page(page)
        output = io.BytesIO()
        writer.write(output)
    except Exception as error:  # whatever a damaged file raises, it is served as it is
        _logger.info("PDF served without a mark, it cannot be read: %s", error)
        return None
    return output.getvalue()


def mark_stream(stream, text):
    """A copy of the PDF served by ``stream`` (an ``odoo.http.Stream``) with
    ``text`` at the foot of every page, made for this user now and never
    cached; None when ``stream`` is not a PDF or it cannot be read."""
    if stream.type == "url" or stream.mimetype != "application/pdf":
        return None
    data = mark_pdf(stream.read(), text)
    if data is None:
        return None
    return Stream(
        type="data",
        data=data,
        size=len(data),
        mimetype=stream.mimetype,
        download_name=stream.download_name,
        as_attachment=stream.as_attachment,
        etag=False,
        last_modified=None,
        public=False,
    )
