import base64
import io

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from odoo import _, api, fields, models


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


class MofficeDocumentExport(models.TransientModel):
    """Documents found by a search, exported as a table (Appendix VI-III 6h):
    PDF and Excel through their reports, Word here.

    Every format lists only the documents the user may read: the ids asked
    for are searched again under the user's record rules. The Word file is
    kept on a transient record that only its creator reads.
    """

    _name = "moffice.document.export"
    _description = "Export of documents"

    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    @api.model
    def _visible(self, ids):
        """The documents of ``ids`` the user may read, in the order asked."""
        documents = self.env["moffice.document"].with_context(active_test=False)
        readable = set(documents.search([("id", "in", list(ids))]).ids)
        return self.env["moffice.document"].browse([id_ for id_ in dict.fromkeys(ids) if id_ in readable])

    @api.model
    def _title(self, documents):
        return _("LIST OF DOCUMENTS"), _(
            "%(count)s documents, exported on %(date)s by %(user)s",
            count=len(documents),
            date=_date(fields.Date.context_today(self)),
            user=self.env.user.name,
        )

    @api.model
    def _headers(self):
        return [
            _("No."),
            _("Number and symbol"),
            _("Document date"),
            _("Kind"),
            _("Issuing body or unit"),
            _("Summary"),
            _("Handling deadline"),
            _("Status"),
        ]

    @api.model
    def _rows(self, documents):
        """One list of cell texts per document, in the columns of ``_headers``."""
        kinds = dict(documents._fields["kind"]._description_selection(self.env))
        states = dict(documents._fields["state"]._description_selection(self.env))
        return [
            [
                str(document.register_number or ""),
                document.reference or "",
                _date(document.date_document),
                kinds[document.kind],
                document.issuer_id.name or document.department_id.name or "",
                document.summary,
                _date(document.date_deadline),
                states[document.state],
            ]
            for document in documents
        ]

    @api.model
    def _docx(self, documents):
        """The table as a Word document (A4 landscape)."""
        word = docx.Document()
        section = word.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        word.styles["Normal"].font.size = Pt(10)
        title, subtitle = self._title(documents)
        word.add_paragraph(self.env.company.name)
        word.add_heading(title, level=1)
        word.add_paragraph(subtitle)
        headers = self._headers()
        table = word.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.paragraphs[0].add_run(header).bold = True
        for row in self._rows(documents):
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
        content = io.BytesIO()
        word.save(content)
        return content.getvalue()

    @api.model
    def action_export_docx(self, ids):
        """Print menu of the documents: the chosen documents as a Word file."""
        documents = self._visible(ids)
        export = self.create({"data": base64.b64encode(self._docx(documents)), "filename": f"{_('Documents')}.docx"})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{export.id}/data/{export.filename}?download=true",
            "target": "self",
        }
