from odoo import fields, models


class MofficeNewsRead(models.Model):
    """That a person opened a news item, and when.

    Written only when the reader opens the item (``moffice.news._mark_read``),
    once per reader and item; nobody creates, changes or deletes a mark by
    hand (read-only access rights). Readers see their own marks, authors the
    marks of their news, leaders and the system administrator every mark.
    """

    _name = "moffice.news.read"
    _description = "M-Office news read mark"
    _order = "date_read desc, id desc"
    _log_access = False

    news_id = fields.Many2one("moffice.news", required=True, readonly=True, index=True, ondelete="cascade")
    user_id = fields.Many2one(
        "res.users", string="Reader", required=True, readonly=True, index=True, ondelete="cascade"
    )
    date_read = fields.Datetime(string="Read on", required=True, readonly=True)

    _sql_constraints = [
        ("news_user_unique", "unique(news_id, user_id)", "A person reads a news item once."),
    ]
