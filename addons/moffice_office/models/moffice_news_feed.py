import secrets

from odoo import _, api, fields, models


class MofficeNewsFeed(models.Model):
    """A person's RSS feed of the department's news (matrix VIII.10).

    Its address carries a secret token, so that any feed reader follows it
    without a session; it lists the published news addressed to its owner,
    as the news feed does. Its owner revokes the token whenever the address
    may have leaked: the old address stops answering at once and a new one
    is given. Only these actions create and change feeds (users have no
    create or write right).
    """

    _name = "moffice.news.feed"
    _description = "M-Office personal news feed"
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", string="Owner", required=True, readonly=True, ondelete="cascade")
    token = fields.Char(required=True, readonly=True, copy=False, groups="base.group_system")
    url = fields.Char(string="Feed address", compute="_compute_url", help="Add it to any RSS reader.")
    date_issued = fields.Datetime(string="Address issued on", required=True, readonly=True)
    revoke_count = fields.Integer(string="Times revoked", readonly=True)

    _sql_constraints = [
        ("user_unique", "unique(user_id)", "A person has one news feed."),
        ("token_unique", "unique(token)", "A feed token is used once."),
    ]

    @api.depends_context("uid")
    def _compute_url(self):
        base = self.get_base_url()
        for feed in self:
            # the owner sees the address; nobody else does
            mine = feed.user_id == self.env.user
            feed.url = f"{base}/moffice/news/rss/{feed.sudo().token}" if mine else False

    @api.model
    def _new_token(self):
        return secrets.token_urlsafe(32)

    @api.model
    def action_open_mine(self):
        """The current user's feed (issued on first use), in its form."""
        feed = self.search([("user_id", "=", self.env.uid)])
        if not feed:
            feed = self.sudo().create(
                {"user_id": self.env.uid, "token": self._new_token(), "date_issued": fields.Datetime.now()}
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("My news feed (RSS)"),
            "res_model": self._name,
            "res_id": feed.id,
            "view_mode": "form",
            "views": [(self.env.ref("moffice_office.view_moffice_news_feed_form").id, "form")],
            "target": "current",
        }

    def action_revoke(self):
        """A new address for the feed; the old one stops answering."""
        for feed in self:
            feed.check_access("read")
            feed.sudo().write(
                {
                    "token": self._new_token(),
                    "date_issued": fields.Datetime.now(),
                    "revoke_count": feed.revoke_count + 1,
                }
            )
        return True

    @api.model
    def _owner(self, token):
        """The active owner of the feed with ``token``, or an empty recordset."""
        if not token:
            return self.env["res.users"]
        feed = self.sudo().search([("token", "=", token)], limit=1)
        return feed.user_id.filtered("active")

    @api.model
    def _items(self, user, limit=50):
        """The news of ``user``'s feed: published, addressed to them, newest first."""
        return (
            self.env["moffice.news"]
            .with_user(user)
            .search(
                [("state", "=", "published"), ("is_for_me", "=", True)], order="date_publish desc, id desc", limit=limit
            )
        )
