from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class MofficeDocumentComment(models.Model):
    """A comment asked on a draft, outgoing or internal document (ý kiến góp ý)."""

    _name = "moffice.document.comment"
    _description = "M-Office document comment"
    _order = "date_due, id"

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

    def action_give(self):
        """The person asked gives their comment; it is kept on the document."""
        for line in self:
            if line.user_id != self.env.user and not self.env.su:
                raise AccessError(_("Only %(user)s can give this comment.", user=line.user_id.name))
            if not (line.comment or "").strip():
                raise UserError(_("Write your comment before sending it."))
            if line.state == "given":
                raise UserError(_("This comment has already been given."))
            # The reviewer may not edit the document itself; recording their
            # own comment and closing their own request is all this does.
            line.sudo().write({"state": "given", "date_given": fields.Datetime.now()})
            document = line.document_id.sudo()
            document._done_activities("moffice_documents.mail_activity_document_comment", users=line.user_id)
            document._message_log(
                body=_("Comment from %(user)s: %(comment)s", user=line.user_id.name, comment=line.comment),
                author_id=line.user_id.partner_id.id,
            )
        return True
