from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError

from .moffice_flow_mixin import Editable, Step

ASKED = "asked"


class MofficeDocumentComment(models.Model):
    """A comment asked on a draft, outgoing or internal document (ý kiến góp ý).

    Requests are made by the document's step "Ask for comments"; the person
    asked writes the comment and sends it, and nobody changes it afterwards.
    """

    _name = "moffice.document.comment"
    _inherit = ["moffice.flow.mixin"]
    _description = "M-Office document comment"
    _order = "date_due, id"

    _flow_steps = (Step("give", _lt("Send comment"), ("requested",), "given", (ASKED,)),)
    _flow_editable = (Editable(("comment",), (ASKED,), ("requested",)),)
    _flow_relations = {ASKED: _lt("the person asked")}
    _flow_initial_state = "requested"

    document_id = fields.Many2one("moffice.document", required=True, ondelete="cascade", index=True)
    user_id = fields.Many2one("res.users", string="Asked to", required=True, index=True)
    requested_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    request = fields.Text(string="Question")
    date_due = fields.Date(string="Due date", required=True)
    comment = fields.Text()
    date_given = fields.Datetime(readonly=True)
    state = fields.Selection(
        [("requested", "Requested"), ("given", "Given")], default="requested", required=True, readonly=True
    )
    is_late = fields.Boolean(compute="_compute_is_late")

    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.is_late = line.state == "requested" and line.date_due < today

    def _flow_relations_held(self, user):
        return {ASKED} if user == self.user_id else set()

    @api.model_create_multi
    def create(self, vals_list):
        comments = super().create(vals_list)
        comments.document_id._access_refresh()
        return comments

    def write(self, vals):
        documents = self.document_id
        result = super().write(vals)
        if {"user_id", "document_id"} & set(vals):
            (documents | self.document_id)._access_refresh()
        return result

    def action_open(self):
        """Open the comment to write it (the document itself stays read-only)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Comment"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_give(self):
        """The person asked gives their comment; it is kept on the document."""
        self._flow_check("give")
        for line in self:
            if not (line.comment or "").strip():
                raise UserError(_("Write your comment before sending it."))
            line._flow_step("give", {"date_given": fields.Datetime.now()})
            document = line.document_id.sudo()
            document._flow_done("moffice_documents.mail_activity_document_comment", users=line.user_id)
            document._message_log(
                body=_("Comment from %(user)s: %(comment)s", user=line.user_id.name, comment=line.comment),
                author_id=line.user_id.partner_id.id,
            )
        return True
