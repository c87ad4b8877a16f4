import io

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.pdf import PdfFileReader, PdfReadError

from odoo.addons.moffice_documents.models.moffice_document import KINDS

ENTRY_KINDS = [*KINDS, ("personal", "Personal document"), ("attachment", "Attachment")]
SOURCES = ("document_id", "personal_document_id", "attachment_id")


def pdf_pages(attachment):
    """The pages of a file: a PDF's pages, one for an image, none for anything else."""
    if attachment.mimetype == "application/pdf":
        try:
            return len(PdfFileReader(io.BytesIO(attachment.raw), strict=False).pages)
        except (PdfReadError, ValueError, KeyError, TypeError):
            return 0
    return 1 if (attachment.mimetype or "").startswith("image/") else 0


class MofficeArchiveFileEntry(models.Model):
    """A document in a file: a document of any kind, a personal document or
    a plain file (a photo, a recording). The entry points at it, so a
    document is in several files without being copied; entries are numbered
    in date order (the table of contents), never by hand."""

    _name = "moffice.archive.file.entry"
    _description = "Document in a file"
    _order = "file_id, date, id"

    file_id = fields.Many2one("moffice.archive.file", required=True, index=True, ondelete="cascade")
    document_id = fields.Many2one("moffice.document", index=True, ondelete="restrict")
    personal_document_id = fields.Many2one(
        "moffice.personal.document", string="Personal document", index=True, ondelete="restrict"
    )
    attachment_id = fields.Many2one("ir.attachment", index=True, ondelete="restrict")
    kind = fields.Selection(ENTRY_KINDS, compute="_compute_description", store=True)
    name = fields.Char(string="Summary or title", compute="_compute_description", store=True)
    reference = fields.Char(string="Number and symbol", compute="_compute_description", store=True)
    type_name = fields.Char(string="Document type", compute="_compute_description", store=True)
    organ_name = fields.Char(string="Issuing body or unit", compute="_compute_description", store=True)
    page_count = fields.Integer(string="Pages", compute="_compute_description", store=True, aggregator="sum")
    date = fields.Date(compute="_compute_date", store=True, readonly=False, index=True)
    ordinal = fields.Integer(string="No.", compute="_compute_ordinal", help="DocOrdinal: the place in date order.")
    note = fields.Char()
    company_id = fields.Many2one(related="file_id.company_id", store=True)

    _sql_constraints = [
        ("document_unique", "unique(file_id, document_id)", "A document is in a file once."),
        ("personal_unique", "unique(file_id, personal_document_id)", "A personal document is in a file once."),
        ("attachment_unique", "unique(file_id, attachment_id)", "A file is attached to a file once."),
    ]

    @api.depends(
        "document_id.kind",
        "document_id.summary",
        "document_id.reference",
        "document_id.document_type_id",
        "document_id.issuer_id",
        "document_id.department_id",
        "document_id.page_count",
        "personal_document_id.name",
        "personal_document_id.reference",
        "personal_document_id.document_type_id",
        "personal_document_id.attachment_ids",
        "attachment_id.name",
    )
    def _compute_description(self):
        # What the table of contents shows, read whatever the reader of the
        # file may open: the file lists its documents as they were filed.
        for entry in self:
            document, personal, attachment = (
                entry.sudo().document_id,
                entry.sudo().personal_document_id,
                entry.sudo().attachment_id,
            )
            if document:
                values = {
                    "kind": document.kind,
                    "name": document.summary,
                    "reference": document.reference,
                    "type_name": document.document_type_id.name,
                    "organ_name": document.issuer_id.name or document.department_id.name,
                    "page_count": document.page_count or sum(map(pdf_pages, document.attachment_ids)),
                }
            elif personal:
                values = {
                    "kind": "personal",
                    "name": personal.name,
                    "reference": personal.reference,
                    "type_name": personal.document_type_id.name,
                    "organ_name": personal.owner_id.name,
                    "page_count": sum(map(pdf_pages, personal.attachment_ids)),
                }
            else:
                values = {
                    "kind": "attachment",
                    "name": attachment.name,
                    "reference": False,
                    "type_name": False,
                    "organ_name": False,
                    "page_count": attachment and pdf_pages(attachment),
                }
            entry.update(values)

    @api.depends(
        "document_id.date_document",
        "document_id.date_registered",
        "personal_document_id.date_document",
    )
    def _compute_date(self):
        for entry in self:
            document, personal = entry.sudo().document_id, entry.sudo().personal_document_id
            if document:
                moment = document.date_registered or document.create_date
                entry.date = document.date_document or (moment and document.company_id._moffice_local(moment).date())
            elif personal:
                entry.date = personal.date_document or personal.create_date.date()
            elif not entry.date:
                entry.date = fields.Date.context_today(entry)

    @api.depends("file_id.entry_ids.date")
    def _compute_ordinal(self):
        for file in self.file_id:
            for ordinal, entry in enumerate(file.entry_ids._chronological(), start=1):
                if entry in self:
                    entry.ordinal = ordinal
        (self - self.file_id.entry_ids).ordinal = 0

    def _chronological(self):
        """The entries in date order (the order of the table of contents)."""
        return self.sorted(lambda entry: (entry.date or fields.Date.today(), entry.id))

    @api.constrains(*SOURCES)
    def _check_one_source(self):
        for entry in self:
            if sum(bool(entry[name]) for name in SOURCES) != 1:
                raise ValidationError(_("A document in a file is one document, one personal document or one file."))

    def _checksums(self):
        """The contents of this entry's files (to find what is filed twice)."""
        self.ensure_one()
        entry = self.sudo()
        return set(
            (entry.attachment_id | entry.document_id.attachment_ids | entry.personal_document_id.attachment_ids)
            .filtered("checksum")
            .mapped("checksum")
        )

    # ------------------------------------------------------------------------
    # contents change only while the file is open
    # ------------------------------------------------------------------------
    def _check_changeable(self):
        """Refuse any change to the contents of a file that is not open (for
        everyone: a file in the archive is frozen), and moving a document a
        freeze order holds."""
        files = self.file_id
        files._archive_check_not_frozen()
        closed = files.sudo().filtered(lambda file: file.state != "open")
        if closed:
            raise UserError(
                _(
                    "%(file)s is closed: its documents change no more (reopen it first if the matter goes on).",
                    file=closed[0].display_name,
                )
            )
        reason = self.env["moffice.archive.freeze"]._frozen_reason(documents=self.sudo().document_id)
        if reason:
            raise UserError(reason)

    def _check_readable(self):
        """Whoever files a document must be able to read it."""
        for sources in (self.document_id, self.personal_document_id, self.attachment_id):
            if sources:
                sources.check_access("read")

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        entries._check_changeable()
        if not self.env.su:
            entries._check_readable()
        for entry in entries.filtered("attachment_id"):
            entry.attachment_id._moffice_attach_to(entry)
        return entries

    def write(self, vals):
        self._check_changeable()
        if set(vals) & set(SOURCES):
            raise UserError(_("Remove the entry and add the other document instead."))
        return super().write(vals)

    def unlink(self):
        self._check_changeable()
        return super().unlink()
