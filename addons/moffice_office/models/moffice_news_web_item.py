from markupsafe import Markup

from odoo import _, _lt, fields, models

from odoo.addons.moffice_documents.models.moffice_flow_mixin import Step

from .moffice_news import POSTING_ROLES

FLOW = (Step("promote", _lt("Post as news"), ("new",), "promoted", POSTING_ROLES),)


class MofficeNewsWebItem(models.Model):
    """A news item found on the web by the news filter (matrix VIII.6): kept
    once, with its source and link, because it is about one of the topics.

    Only the scheduled fetch creates them; nobody edits them. Leaders, the
    system administrator and specialists read them under "From the web" and
    may post one as the department's own news (a draft they complete and
    publish).
    """

    _name = "moffice.news.web.item"
    _description = "M-Office news from the web"
    _inherit = ["moffice.flow.mixin"]
    _order = "date_published desc, id desc"

    _flow_steps = FLOW
    _flow_initial_state = "new"

    name = fields.Char(string="Title", required=True, readonly=True)
    summary = fields.Text(readonly=True)
    link = fields.Char(required=True, readonly=True)
    key = fields.Char(
        required=True, readonly=True, index=True, help="Technical: its link, normalised, under which it is kept once."
    )
    source_id = fields.Many2one("moffice.news.source", required=True, readonly=True, index=True)
    topic_ids = fields.Many2many("moffice.news.topic", string="Topics", readonly=True)
    date_published = fields.Datetime(string="Published on", readonly=True, index=True)
    state = fields.Selection(
        [("new", "New"), ("promoted", "Posted as news")], required=True, default="new", readonly=True, index=True
    )
    news_id = fields.Many2one("moffice.news", string="News posted", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)

    _sql_constraints = [
        ("key_unique", "unique(company_id, key)", "A news item from the web is kept once."),
    ]

    def action_promote(self):
        """Post the item as the department's news: a draft with its title,
        summary and link, written by the current user, who completes and
        publishes it."""
        self.ensure_one()
        self._flow_check("promote")
        news = self.env["moffice.news"].create(
            {
                "name": self.name,
                "summary": self.summary,
                "body": Markup("<p>%s</p><p>%s</p>")
                % (self.summary or "", _("Source: %(portal)s", portal=self.source_id.name)),
                "link": self.link,
            }
        )
        self._flow_step("promote", {"news_id": news.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "moffice.news",
            "res_id": news.id,
            "view_mode": "form",
            "views": [(self.env.ref("moffice_office.view_moffice_news_form").id, "form")],
        }
