import io
import re

from lxml import etree

from odoo import _, fields, models
from odoo.tools import file_open
from odoo.tools.pdf import PdfFileReader, PdfFileWriter, PdfReadError, to_pdf_stream

# The schema the XML export follows: the fields of the data standard of
# Decree 30/2020 (Appendix VI, Part II) for a file and its documents.
SCHEMA_PATH = "moffice_archive/schemas/moffice_archive_file.xsd"
# The standard's lengths of the documents' fields, which the export keeps to.
DOCUMENT_LENGTHS = {
    "CodeNumber": 11,
    "CodeNotation": 30,
    "TypeName": 100,
    "OrganName": 200,
    "Subject": 500,
    "Language": 30,
    "Description": 500,
}
CREATOR_LENGTH = 30
PAGE_AMOUNT_MAX = 999
# "101/UBND-VX": the number, then the symbol.
REFERENCE = re.compile(r"^\s*(\d{1,11})\s*/\s*(.+)$")


def _text(parent, tag, value, limit=None):
    if value in (None, False, ""):
        return None
    node = etree.SubElement(parent, tag)
    node.text = str(value)[:limit] if limit else str(value)
    return node


class MofficeArchiveFile(models.Model):
    """A whole file exported (Appendix VI-III-4g): one PDF with its cover,
    the table of contents and every document in date order, and the XML of
    the data standard's fields; each attached to the file and downloadable."""

    _inherit = "moffice.archive.file"

    def _export_attachment(self, kind):
        """Export the file as ``kind`` ("pdf" or "xml"), attach the export to
        the file and return the attachment."""
        self.ensure_one()
        self.check_access("read")
        content = self._export_pdf() if kind == "pdf" else self._export_xml()
        entries = self.sudo().entry_ids
        self.env["moffice.document.access.log"]._record(
            entries.document_id, "print", _("Export of the file %(code)s", code=self.code)
        )
        # An export is made of the file as it stands, even in the archive:
        # attached as the system, it is read by whoever reads the file.
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.code or self.notation}.{kind}",
                    "raw": content,
                    "mimetype": "application/pdf" if kind == "pdf" else "application/xml",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )

    # ------------------------------------------------------------------------
    # PDF
    # ------------------------------------------------------------------------
    def _export_pdf(self):
        """The cover and table of contents, then the files of every document in date order."""
        self.ensure_one()
        cover, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("moffice_archive.action_report_file_cover", self.ids)
        )
        writer = PdfFileWriter()
        streams = [io.BytesIO(cover)]
        for entry in self.sudo().entry_ids._chronological():
            streams += entry._pdf_streams()
        for stream in streams:
            try:
                reader = PdfFileReader(stream, strict=False)
                for page in reader.pages:
                    writer.add_page(page)
            except (PdfReadError, ValueError, KeyError, TypeError):
                continue
        result = io.BytesIO()
        writer.write(result)
        return result.getvalue()

    # ------------------------------------------------------------------------
    # XML
    # ------------------------------------------------------------------------
    def _export_xml(self):
        """The file and its documents in the fields of the data standard."""
        self.ensure_one()
        file = self.sudo()
        root = etree.Element("File")
        self._xml_code(root, "FileCode")
        _text(root, "Title", file.name)
        _text(root, "Maintenance", file.retention_id.name)
        _text(root, "Rights", dict(self._fields["rights"]._description_selection(self.env))[file.rights])
        _text(root, "Creator", file.user_id.name, CREATOR_LENGTH)
        _text(root, "Language", file.language)
        _text(root, "StartDate", fields.Date.to_string(file.date_start))
        _text(root, "EndDate", file.date_end and fields.Date.to_string(file.date_end))
        _text(root, "DocTotal", file.doc_total)
        _text(root, "PageTotal", file.page_total)
        _text(root, "Description", file.description)
        documents = etree.SubElement(root, "Documents")
        for ordinal, entry in enumerate(file.entry_ids._chronological(), start=1):
            node = etree.SubElement(documents, "Document")
            self._xml_code(node, "FileCode")
            _text(node, "DocOrdinal", ordinal)
            number, notation = entry._reference_parts()
            _text(
                node,
                "TypeName",
                entry.type_name or dict(entry._fields["kind"]._description_selection(self.env))[entry.kind],
                DOCUMENT_LENGTHS["TypeName"],
            )
            _text(node, "CodeNumber", number)
            _text(node, "CodeNotation", notation, DOCUMENT_LENGTHS["CodeNotation"])
            _text(node, "IssuedDate", entry.date and fields.Date.to_string(entry.date))
            _text(node, "OrganName", entry.organ_name, DOCUMENT_LENGTHS["OrganName"])
            _text(node, "Subject", entry.name, DOCUMENT_LENGTHS["Subject"])
            _text(node, "Language", entry.document_id.language or file.language, DOCUMENT_LENGTHS["Language"])
            _text(node, "PageAmount", min(entry.page_count, PAGE_AMOUNT_MAX))
            _text(node, "Description", entry.note or entry.document_id.notes, DOCUMENT_LENGTHS["Description"])
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def _xml_code(self, parent, tag):
        node = etree.SubElement(parent, tag)
        _text(node, "OrganId", self.company_id.moffice_organ_id)
        _text(node, "FileCatalog", self.year)
        _text(node, "FileNotation", self.notation)

    def _xml_schema(self):
        """The schema of the XML export, shipped with the addon."""
        with file_open(SCHEMA_PATH, "rb") as schema:
            return etree.XMLSchema(etree.parse(schema))


class MofficeArchiveFileEntry(models.Model):
    _inherit = "moffice.archive.file.entry"

    def _pdf_streams(self):
        """The PDF pages of this entry: its PDF files and images, in their order."""
        self.ensure_one()
        files = self.attachment_id | self.document_id.attachment_ids | self.personal_document_id.attachment_ids
        printable = files.filtered(
            lambda attachment: (
                attachment.mimetype == "application/pdf" or (attachment.mimetype or "").startswith("image/")
            )
        )
        return [to_pdf_stream(attachment) for attachment in printable]

    def _reference_parts(self):
        """CodeNumber and CodeNotation: "101/UBND-VX" is number 101, symbol UBND-VX."""
        self.ensure_one()
        match = REFERENCE.match(self.reference or "")
        if match:
            return match[1], match[2].strip()
        return None, self.reference or None
