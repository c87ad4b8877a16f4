from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Editable, Step
from odoo.addons.moffice_documents.models.roles import LEADER


def check_not_frozen(records):
    """Refuse the change of ``records`` (files or documents) that may not change any more."""
    reason = records._archive_frozen_reason()
    if reason:
        raise UserError(reason)


FREEZE_STATES = [("draft", "Draft"), ("frozen", "Frozen"), ("lifted", "Unfrozen")]


class MofficeArchiveFreeze(models.Model):
    """A collection of files and documents frozen on a competent order
    (Appendix VI, IV-g): while frozen, nobody moves, edits or deletes them.
    A document administrator freezes and unfreezes it; both are recorded."""

    _name = "moffice.archive.freeze"
    _description = "Frozen collection"
    _inherit = ["mail.thread", "mail.activity.mixin", "moffice.flow.mixin"]
    _order = "id desc"

    _flow_steps = (
        Step("freeze", _lt("Freeze"), ("draft",), "frozen", (LEADER,)),
        Step("lift", _lt("Unfreeze"), ("frozen",), "lifted", (LEADER,)),
    )
    _flow_editable = (
        Editable(("name", "order_reference", "reason", "file_ids", "document_ids"), (LEADER,), ("draft",)),
    )

    name = fields.Char(string="Collection", required=True, tracking=True)
    order_reference = fields.Char(
        string="Order", required=True, tracking=True, help="The competent order to freeze, e.g. its number and date."
    )
    reason = fields.Text()
    state = fields.Selection(FREEZE_STATES, default="draft", required=True, readonly=True, tracking=True, index=True)
    file_ids = fields.Many2many("moffice.archive.file", string="Files")
    document_ids = fields.Many2many("moffice.document", string="Documents")
    frozen_by_id = fields.Many2one("res.users", string="Frozen by", readonly=True, copy=False)
    date_frozen = fields.Datetime(string="Frozen on", readonly=True, copy=False)
    lifted_by_id = fields.Many2one("res.users", string="Unfrozen by", readonly=True, copy=False)
    date_lifted = fields.Datetime(string="Unfrozen on", readonly=True, copy=False)
    lift_reason = fields.Text(string="Reason to unfreeze", readonly=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.model
    def _frozen_reason(self, files=None, documents=None):
        """Why ``files`` or ``documents`` may not change: the first order
        freezing one of them, or None."""
        domain = [("state", "=", "frozen")]
        for records, field in ((files, "file_ids"), (documents, "document_ids")):
            if records:
                order = self.sudo().search([*domain, (field, "in", records.ids)], limit=1)
                if order:
                    record = (order[field] & records)[:1]
                    return _(
                        "%(record)s is frozen by the order %(order)s (%(collection)s): nobody moves, edits or "
                        "deletes it until a document administrator unfreezes it.",
                        record=record.display_name,
                        order=order.order_reference,
                        collection=order.name,
                    )
        return None

    def action_freeze(self):
        self._flow_check("freeze")
        for order in self:
            if not (order.file_ids or order.document_ids):
                raise UserError(_("Choose the files or documents that %(order)s freezes.", order=order.name))
            order._flow_step("freeze", {"frozen_by_id": self.env.uid, "date_frozen": fields.Datetime.now()})
            order._log_on_records(
                _("Frozen by %(user)s on the order %(order)s.", user=self.env.user.name, order=order.order_reference)
            )
        return True

    def _lift(self, reason):
        self._flow_check("lift")
        if not (reason or "").strip():
            raise UserError(_("Say why the collection is unfrozen."))
        for order in self:
            order._flow_step(
                "lift", {"lifted_by_id": self.env.uid, "date_lifted": fields.Datetime.now(), "lift_reason": reason}
            )
            order._log_on_records(
                _(
                    "Unfrozen by %(user)s (order %(order)s): %(reason)s",
                    user=self.env.user.name,
                    order=order.order_reference,
                    reason=reason,
                )
            )
        return True

    def _log_on_records(self, body):
        """The freeze and its end are written in the history of every record it holds."""
        self.ensure_one()
        self._message_log(body=body)
        for records in (self.sudo().file_ids, self.sudo().document_ids):
            for record in records:
                record._message_log(body=body)

    def action_open_lift(self):
        self._flow_check("lift")
        return self.env["moffice.archive.reason"]._open(self, "lift", _("Unfreeze"))
