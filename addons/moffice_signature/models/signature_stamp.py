"""The visible block of a signature: a small PDF page drawn with reportlab
(whose fonts have every Vietnamese letter), placed by pyHanko as the
appearance of the signature field."""

import io

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from odoo.addons.moffice_documents.models.pdf_mark import _font

WIDTH, HEIGHT = 210.0, 58.0
MARGIN = 18.0
GAP = 6.0
FONT_SIZE = 8.0
COLOR = colors.Color(0.75, 0.0, 0.0)


def stamp_pdf(lines):
    """A one-page PDF of WIDTH x HEIGHT points: a red frame around ``lines``."""
    font = _font()
    packet = io.BytesIO()
    can = canvas.Canvas(packet, pagesize=(WIDTH, HEIGHT))
    can.setStrokeColor(COLOR)
    can.setFillColor(COLOR)
    can.setLineWidth(1.2)
    can.roundRect(1, 1, WIDTH - 2, HEIGHT - 2, 4)
    step = (HEIGHT - 8) / max(len(lines), 1)
    for index, line in enumerate(lines):
        size = FONT_SIZE
        natural = pdfmetrics.stringWidth(line, font, size)
        if natural > WIDTH - 12:
            size = size * (WIDTH - 12) / natural
        can.setFont(font, size)
        can.drawString(6, HEIGHT - 4 - step * (index + 0.75), line)
    can.showPage()
    can.save()
    return packet.getvalue()


def stamp_box(page_box, index):
    """Where the ``index``-th stamp goes on a page of ``page_box`` (x1, y1, x2, y2):
    the top right corner, the next ones below it."""
    x1, y1, x2, y2 = (float(value) for value in page_box)
    right = max(x2, x1) - MARGIN
    top = max(y2, y1) - MARGIN - index * (HEIGHT + GAP)
    return (right - WIDTH, top - HEIGHT, right, top)
