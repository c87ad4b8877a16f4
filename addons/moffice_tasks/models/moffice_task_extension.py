from odoo import _, _lt, fields, models
from odoo.exceptions import UserError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import LEADER


class MofficeTaskExtension(models.Model):
    """A request to extend the deadline of a task (gia hạn), decided by a
    document administrator (Article 6.2). Requests are made by the task's
    step "Ask for an extension" only."""

    _name = "moffice.task.extension"
    _inherit = ["moffice.flow.mixin"]
    _description = "M-Office task extension"
    _order = "create_date desc, id desc"

    _flow_steps = (
        Step("grant", _lt("Grant"), ("requested",), "granted", (LEADER,)),
        Step("refuse", _lt("Refuse"), ("requested",), "refused", (LEADER,)),
    )
    _flow_editable = (Editable(("answer", "date_granted"), (LEADER,), ("requested",)),)
    _flow_initial_state = "requested"

    task_id = fields.Many2one("moffice.task", required=True, ondelete="cascade", index=True)
    requested_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    reason = fields.Text(required=True)
    date_proposed = fields.Datetime(string="Proposed deadline", required=True)
    date_granted = fields.Datetime(string="New deadline", help="Leave empty to grant the proposed deadline.")
    leader_id = fields.Many2one("res.users", string="Asked to", required=True)
    state = fields.Selection(
        [("requested", "Requested"), ("granted", "Granted"), ("refused", "Refused")],
        default="requested",
        required=True,
        readonly=True,
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    date_decided = fields.Datetime(readonly=True)
    answer = fields.Text()

    def _decide(self, granted):
        step = "grant" if granted else "refuse"
        self._flow_check(step)
        for extension in self:
            deadline = extension.date_granted or extension.date_proposed
            if granted and deadline <= fields.Datetime.now():
                raise UserError(_("The new deadline must be in the future."))
            if not granted and not (extension.answer or "").strip():
                raise UserError(_("Say why the extension is refused."))
            # The leader decides on the request; the task changes through its
            # own step, which logs the decision.
            extension._flow_step(
                step,
                {
                    "date_granted": deadline if granted else False,
                    "decided_by_id": self.env.uid,
                    "date_decided": fields.Datetime.now(),
                },
            )
            extension.task_id._on_extension_decided(extension)
        return True

    def action_grant(self):
        return self._decide(True)

    def action_refuse(self):
        return self._decide(False)
