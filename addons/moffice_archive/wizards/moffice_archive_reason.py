from odoo import _, api, fields, models
from odoo.exceptions import UserError

# The steps this form completes.
ACTIONS = [
    ("return", "Return"),
    ("amend", "Amend"),
    ("accept", "Accept into the archive"),
    ("ask_keep", "Ask to keep it back"),
    ("refuse_keep", "Refuse keeping it back"),
    ("hand_over", "Hand over"),
    ("link_case", "File the case"),
    ("refuse", "Refuse"),
    ("recall", "Recall"),
    ("lift", "Unfreeze"),
]
# The steps that need a reason.
NEEDS_REASON = ("return", "amend", "refuse", "refuse_keep", "lift")


class MofficeArchiveReason(models.TransientModel):
    """The small form of an archive step that needs a reason, a date, a
    storage location, a person or a file; the step itself checks everything."""

    _name = "moffice.archive.reason"
    _description = "Archive step"

    action = fields.Selection(ACTIONS, required=True)
    res_model = fields.Char(required=True, default="moffice.archive.file")
    res_ids = fields.Json(string="Records")
    reason = fields.Text()
    date = fields.Date()
    location_id = fields.Many2one("moffice.archive.location", string="Storage location")
    location_unit_id = fields.Many2one("hr.department", string="Archive")
    user_id = fields.Many2one("res.users", string="Hand over to", domain=[("share", "=", False)])
    case_id = fields.Many2one("moffice.case")
    file_id = fields.Many2one(
        "moffice.archive.file",
        domain=[("state", "=", "open")],
        help="The open file the case is filed in.",
    )

    @api.model
    def _open(self, records, action, name, **defaults):
        context = {"default_action": action, "default_res_model": records._name, "default_res_ids": records.ids}
        if records._name == "moffice.archive.file":
            context["default_location_unit_id"] = records[:1].sudo().archive_unit_id.id
        context.update({f"default_{key}": value for key, value in defaults.items()})
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def _records(self):
        return self.env[self.res_model].browse(self.res_ids or [])

    def action_confirm(self):
        self.ensure_one()
        records = self._records()
        if self.action in NEEDS_REASON and not (self.reason or "").strip():
            raise UserError(_("Write the reason."))
        if self.action == "accept" and not self.location_id:
            raise UserError(_("Choose the storage location of the file."))
        steps = {
            "accept": lambda: records._accept(self.location_id),
            "return": lambda: records._return(self.reason),
            "amend": lambda: records._amend(self.reason),
            "ask_keep": lambda: records._ask_keep(self.date, self.reason),
            "refuse_keep": lambda: records._refuse_keep(self.reason),
            "hand_over": lambda: records._hand_over(self.user_id),
            "link_case": lambda: self.file_id._link_case(self.case_id),
            "refuse": lambda: records._refuse(self.reason),
            "recall": lambda: records._recall(self.reason, self.date),
            "lift": lambda: records._lift(self.reason),
        }
        steps[self.action]()
        return {"type": "ir.actions.act_window_close"}
