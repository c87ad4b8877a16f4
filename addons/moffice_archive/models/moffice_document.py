from odoo import _, api, fields, models

from odoo.addons.moffice_documents.models.moffice_document import PREPARING, RELEASED_KINDS

from .moffice_archive_freeze import check_not_frozen

# Steps after which a document is registered (its paper original is kept).
REGISTERING_STEPS = ("register", "release")
# What changes on a frozen document: who may read it (Appendix VI-III-6c).
FREEZE_EXEMPT = {"reader_user_ids", "reader_group_ids"}


class MofficeDocument(models.Model):
    """Documents in files: their paper originals are kept by their unit's
    archive, they may be in several files, and a document in an archived
    file or in a frozen collection changes no more."""

    _inherit = "moffice.document"

    archive_entry_count = fields.Integer(string="In files", compute="_compute_archive_entry_count")

    def _compute_archive_entry_count(self):
        counts = dict(
            self.env["moffice.archive.file.entry"]
            .sudo()
            ._read_group([("document_id", "in", self.ids)], ["document_id"], ["__count"])
        )
        for document in self:
            document.archive_entry_count = counts.get(document._origin, 0)

    def _archive_is_draft(self):
        """Whether this document is not final yet: a closed file keeps none."""
        if not self:
            return False
        self.ensure_one()
        if self.kind == "draft":
            return True
        if self.kind in RELEASED_KINDS:
            return self.state in (*PREPARING, "submitted", "approved")
        return self.state == "draft"

    def _archive_frozen_reason(self):
        """Why these documents may not change, or None: one is in a file of
        the archive, or in a collection frozen by an order."""
        archived = (
            self.env["moffice.archive.file.entry"]
            .sudo()
            .search([("document_id", "in", self.ids), ("file_id.state", "=", "archived")], limit=1)
        )
        if archived:
            return _(
                "%(document)s is in %(file)s, kept by the archive: nobody changes it any more.",
                document=archived.document_id.display_name,
                file=archived.file_id.display_name,
            )
        return self.env["moffice.archive.freeze"]._frozen_reason(documents=self)

    def _archive_check_not_frozen(self):
        check_not_frozen(self)

    @api.model_create_multi
    def create(self, vals_list):
        documents = super().create(vals_list)
        documents.filtered("case_id")._archive_file_in_case()
        return documents

    def write(self, vals):
        if set(vals) - self._flow_free_fields() - FREEZE_EXEMPT:
            self._archive_check_not_frozen()
        result = super().write(vals)
        if vals.get("case_id"):
            self._archive_file_in_case()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self._archive_check_not_frozen()

    def _flow_after_step(self, step, **trace):
        result = super()._flow_after_step(step, **trace)
        if step.name in REGISTERING_STEPS:
            self.env["moffice.archive.item"]._keep_originals(self)
        return result

    def _archive_file_in_case(self):
        """A document put in a case goes into the open file the case is filed in."""
        files = (
            self.env["moffice.archive.file"]
            .sudo()
            .search([("case_id", "in", self.sudo().case_id.ids), ("state", "=", "open")])
        )
        for file in files:
            file._add(documents=self.sudo().filtered(lambda document, file=file: document.case_id == file.case_id))

    def action_open_archive_entries(self):
        """The files this document is in (those the user may read)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Files"),
            "res_model": "moffice.archive.file",
            "view_mode": "list,form",
            "domain": [("entry_ids.document_id", "=", self.id)],
        }

    def action_open_archive_add(self):
        """Put these documents into one of my open files."""
        return self.env["moffice.archive.file.add"]._open(documents=self)
