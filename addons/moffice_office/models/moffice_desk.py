from odoo import _lt, api, models

from odoo.addons.moffice_documents.models.moffice_desk import PERSONAL, Counter


class MofficeDesk(models.AbstractModel):
    """Everyone's unread news on the desk (Article 6.1: read every morning)."""

    _inherit = "moffice.desk"

    @api.model
    def _desk_counters(self):
        return [
            *super()._desk_counters(),
            Counter(
                "news_unread",
                PERSONAL,
                _lt("Unread news"),
                "moffice.news",
                lambda desk: [("state", "=", "published"), ("is_for_me", "=", True), ("is_read", "=", False)],
                "moffice_office.action_moffice_news_feed",
                sequence=90,
                preview=3,
                order="id desc",
            ),
        ]
