from odoo import _, fields, models
from odoo.exceptions import UserError



class MofficeTaskExtension(models.Model):
    """A request to extend the deadline of a task (gia hạn), decided by a
    document administrator (Article 6.2)."""

    _name = "moffice.task.extension"
    _description = "M-Office task extension"
    _order = "create_date desc, id desc"

    task_id = fields.Many2one("moffice.task", required=True, ondelete="cascade", index=True)
    requested_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    reason = fields.Text(required=True)
    date_proposed = fields.Datetime(string="Proposed deadline", required=True)
    date_granted = fields.Datetime(string="New deadline")
    leader_id = fields.Many2one("res.users", string="Asked to", required=True)
    state = fields.Selection(
        [("requested", "Requested"), ("granted", "Granted"), ("refused", "Refused")],
        default="requested", required=True, readonly=True,
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    date_decided = fields.Datetime(readonly=True)
    answer = fields.Text()

    def _decide(self, granted, deadline=None, answer=None):
        self.task_id._check_leader(_("Only a document administrator (leader) decides on extensions."))
        for extension in self:
            if extension.state != "requested":
                raise UserError(_("This extension has already been decided."))
            deadline = deadline or extension.date_proposed
            if granted and deadline <= fields.Datetime.now():
                raise UserError(_("The new deadline must be in the future."))
            # The leader decides on the request only; the task changes through
            # its own method, which logs the decision.
            extension.sudo().write({
                "state": "granted" if granted else "refused",
                "date_granted": deadline if granted else False,
                "decided_by_id": self.env.uid,
                "date_decided": fields.Datetime.now(),
                "answer": answer,
            })
            extension.task_id._on_extension_decided(extension)
        return True

    def action_grant(self):
        return self._decide(True, answer=self.answer)

    def action_refuse(self):
        if not (self.answer or "").strip():
            raise UserError(_("Say why the extension is refused."))
        return self._decide(False, answer=self.answer)
