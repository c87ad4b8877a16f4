from email.utils import format_datetime

from lxml import etree
from lxml.builder import E
from pytz import utc

from odoo import _, http
from odoo.http import request


class NewsFeedController(http.Controller):
    @http.route("/moffice/news/rss/<string:token>", type="http", auth="public", methods=["GET"], csrf=False)
    def news_rss(self, token):
        """The RSS 2.0 feed of the news addressed to the owner of ``token``
        (matrix VIII.10); an unknown or revoked token is not found."""
        Feed = request.env["moffice.news.feed"]
        user = Feed._owner(token)
        if not user:
            raise request.not_found()
        base = user.get_base_url()
        items = [
            E.item(
                E.title(news.name),
                E.link(f"{base}/odoo/action-moffice_office.action_moffice_news_feed/{news.id}"),
                E.guid(f"{base}/moffice/news/{news.id}", isPermaLink="false"),
                E.description(news.summary or ""),
                E.pubDate(format_datetime(utc.localize(news.date_publish))),
                E.author(news.author_id.name),
            )
            for news in Feed._items(user).with_context(lang=user.lang)
        ]
        company = user.company_id
        channel = E.channel(
            E.title(_("News of %(company)s", company=company.name)),
            E.link(f"{base}/odoo/action-moffice_office.action_moffice_news_feed"),
            E.description(_("The news and announcements addressed to %(user)s.", user=user.name)),
            E.language("vi"),
            *items,
        )
        body = etree.tostring(E.rss(channel, version="2.0"), encoding="utf-8", xml_declaration=True)
        return request.make_response(
            body,
            headers=[("Content-Type", "application/rss+xml; charset=utf-8"), ("Cache-Control", "private, no-store")],
        )
