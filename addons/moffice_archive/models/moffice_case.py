from odoo import _, fields, models


class MofficeCase(models.Model):
    """A case is followed in a file: the file the case is filed in holds the
    case's documents, and every document put in the case later."""

    _inherit = "moffice.case"

    archive_file_name = fields.Char(string="Filed in", compute="_compute_archive_file_name")

    def _compute_archive_file_name(self):
        # The file's code and title show on the case to whoever follows it.
        files = self.env["moffice.archive.file"].sudo().search([("case_id", "in", self.ids)])
        names = {file.case_id.id: file.display_name for file in files}
        for case in self:
            case.archive_file_name = names.get(case.id, False)

    def action_open_archive_link(self):
        """Leader or clerk: file the case in an open file."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("File the case"),
            "res_model": "moffice.archive.reason",
            "view_mode": "form",
            "target": "new",
            "context": {"default_action": "link_case", "default_case_id": self.id},
        }
