from odoo import fields, models


class MofficeIsoRevisionReview(models.Model):
    """A request for comments on a draft revision, and the comments given.

    Made by the step "Ask for comments" and answered by the step "Send
    comments" of the revision; nobody writes one by hand.
    """

    _name = "moffice.iso.revision.review"
    _description = "M-Office ISO revision: comments asked"
    _order = "revision_id, id"

    revision_id = fields.Many2one("moffice.iso.revision", required=True, readonly=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Asked", required=True, readonly=True, index=True)
    date_due = fields.Date(string="Due", readonly=True)
    comment = fields.Text(readonly=True)
    date_commented = fields.Datetime(string="Given on", readonly=True)
    company_id = fields.Many2one(related="revision_id.company_id", store=True)
