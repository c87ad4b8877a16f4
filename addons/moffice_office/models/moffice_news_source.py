import hashlib
import logging
import time
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit

import feedparser
import requests

from odoo import _, api, fields, models
from odoo.tools import html2plaintext

_logger = logging.getLogger(__name__)

# How many sources one call of the scheduled action fetches before it
# commits and goes on (Odoo calls it again while sources wait).
FETCH_BATCH = 5
# A source fetched less than this long ago waits for the next run.
FETCH_INTERVAL = timedelta(minutes=50)
USER_AGENT = "M-Office news filter (Odoo 18; +https://github.com/moffice/moffice)"
# What is kept of a web item's summary, in characters.
SUMMARY_LENGTH = 1000


class FeedError(Exception):
    """A source that could not be fetched or read; its message says why, for
    the system administrator."""


def link_key(link):
    """The key under which a web item is kept once: its link without the
    scheme, "www.", the fragment, tracking parameters and a trailing slash."""
    parts = urlsplit(link.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(sorted((key, value) for key, value in parse_qsl(parts.query) if not key.startswith("utm_")))
    normalized = f"{host}{parts.path.rstrip('/')}?{query}"
    return hashlib.sha256(normalized.encode()).hexdigest()


class MofficeNewsSource(models.Model):
    """An external news source: an RSS or Atom feed, e.g. of the Ministry's or
    the province's portal (matrix VIII.6).

    The scheduled action fetches every active source with a timeout and a
    size limit, keeps the items about one of its topics (``moffice.news.topic``)
    once each, whatever source they come from, and records each source's
    result; a source that fails is recorded as failed and the others go on.
    """

    _name = "moffice.news.source"
    _description = "M-Office web news source"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    url = fields.Char(string="Feed URL", required=True, tracking=True, help="The address of its RSS or Atom feed.")
    active = fields.Boolean(default=True, tracking=True)
    topic_ids = fields.Many2many(
        "moffice.news.topic", string="Topics", help="The topics its items are filtered by; empty: every topic."
    )
    timeout = fields.Integer(
        string="Timeout (seconds)", required=True, default=15, help="How long its answer may take, at most."
    )
    max_size = fields.Integer(string="Size limit (KB)", required=True, default=2048, help="A larger answer is refused.")
    date_fetched = fields.Datetime(string="Last fetched", readonly=True)
    fetch_state = fields.Selection(
        [("ok", "Fetched"), ("failed", "Failed")], string="Last result", readonly=True, tracking=True
    )
    fetch_error = fields.Text(string="Last error", readonly=True)
    fetch_kept = fields.Integer(string="Items kept last time", readonly=True)
    item_ids = fields.One2many("moffice.news.web.item", "source_id", string="Items", readonly=True)
    item_count = fields.Integer(compute="_compute_item_count", string="Items kept")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        ("timeout_positive", "CHECK(timeout > 0)", "The timeout is a number of seconds above zero."),
        ("max_size_positive", "CHECK(max_size > 0)", "The size limit is a number of kilobytes above zero."),
    ]

    @api.depends("item_ids")
    def _compute_item_count(self):
        counts = dict(
            self.env["moffice.news.web.item"]._read_group([("source_id", "in", self.ids)], ["source_id"], ["__count"])
        )
        for source in self:
            source.item_count = counts.get(source, 0)

    # ------------------------------------------------------------------------
    # fetching
    # ------------------------------------------------------------------------
    def action_fetch(self):
        """Fetch now (the system administrator), and say how it went."""
        self._fetch()
        failed = self.filtered(lambda source: source.fetch_state == "failed")
        message = (
            _("%(name)s could not be fetched: %(error)s", name=failed[0].name, error=failed[0].fetch_error)
            if failed
            else _("%(count)s new items kept.", count=sum(self.mapped("fetch_kept")))
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "danger" if failed else "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_fetch(self):
        """Fetch the active sources not fetched in this hour, a few at a time
        (committed between batches by the scheduled action)."""
        due = ["|", ("date_fetched", "=", False), ("date_fetched", "<", fields.Datetime.now() - FETCH_INTERVAL)]
        batch = self.search(due, limit=FETCH_BATCH)
        batch._fetch()
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=self.search_count(due))

    def _fetch(self):
        """Fetch each source; one that fails is recorded as failed and the next goes on."""
        for source in self:
            try:
                source.sudo()._import_feed(source._download())
            except FeedError as error:
                _logger.info("news source %s (%s) failed: %s", source.name, source.url, error)
                source.sudo()._record(False, str(error))

    def _download(self):
        """The feed's content, within the source's timeout and size limit."""
        self.ensure_one()
        limit = self.max_size * 1024
        deadline = time.monotonic() + self.timeout
        chunks, size = [], 0
        try:
            with requests.get(
                self.url, timeout=self.timeout, stream=True, headers={"User-Agent": USER_AGENT}
            ) as response:
                response.raise_for_status()
                if int(response.headers.get("Content-Length") or 0) > limit:
                    raise FeedError(_("The answer is larger than %(size)s KB.", size=self.max_size))
                for chunk in response.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > limit:
                        raise FeedError(_("The answer is larger than %(size)s KB.", size=self.max_size))
                    if time.monotonic() > deadline:
                        raise FeedError(_("No answer within %(seconds)s seconds.", seconds=self.timeout))
                    chunks.append(chunk)
        except requests.Timeout as error:
            raise FeedError(_("No answer within %(seconds)s seconds.", seconds=self.timeout)) from error
        except requests.RequestException as error:
            raise FeedError(_("The source cannot be reached: %(error)s", error=error)) from error
        return b"".join(chunks)

    def _import_feed(self, content):
        """Keep the items of the feed ``content`` (RSS or Atom, bytes or text)
        that are about one of the source's topics and not kept yet; record
        the result. Returns the items kept."""
        self.ensure_one()
        parsed = feedparser.parse(content.encode() if isinstance(content, str) else content)
        if not parsed.entries and (parsed.bozo or not parsed.version):
            reason = parsed.get("bozo_exception") or _("no items")
            raise FeedError(_("This is not a valid RSS or Atom feed: %(reason)s", reason=reason))
        topics = self.topic_ids or self.env["moffice.news.topic"].search([("company_id", "=", self.company_id.id)])
        Item = self.env["moffice.news.web.item"]
        candidates = {}
        for entry in parsed.entries:
            values = self._item_values(entry)
            if not values:
                continue
            matching = topics._matching(f"{values['name']} {values['summary']}")
            if matching and values["key"] not in candidates:
                candidates[values["key"]] = {**values, "topic_ids": [fields.Command.set(matching.ids)]}
        known = set(
            Item.with_context(active_test=False)
            .search([("key", "in", list(candidates)), ("company_id", "=", self.company_id.id)])
            .mapped("key")
        )
        kept = Item.create([values for key, values in candidates.items() if key not in known])
        self._record(True, kept=len(kept))
        return kept

    def _item_values(self, entry):
        """The values of a web item for a feed entry, or None without a title or a link."""
        title = html2plaintext(entry.get("title") or "").strip()
        link = (entry.get("link") or "").strip()
        if not title or not link:
            return None
        moment = entry.get("published_parsed") or entry.get("updated_parsed")
        return {
            "source_id": self.id,
            "company_id": self.company_id.id,
            "name": title[:500],
            "summary": html2plaintext(entry.get("summary") or "").strip()[:SUMMARY_LENGTH],
            "link": link,
            "key": link_key(link),
            "date_published": datetime(*moment[:6]) if moment else False,
        }

    def _record(self, success, error=None, kept=0):
        """Record the result of a fetch (a change of result is tracked on the source)."""
        self.ensure_one()
        self.write(
            {
                "date_fetched": fields.Datetime.now(),
                "fetch_state": "ok" if success else "failed",
                "fetch_error": error or False,
                "fetch_kept": kept,
            }
        )
