import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import _super_send

from odoo.addons.moffice_documents.tests.flow_attack import FlowAttackMixin, FlowRecordsKeptMixin

from .common import OfficeCommon

MATCHING = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Bộ Thử nghiệm</title><link>https://bo.example/</link>
<item><title>Bộ ban hành kế hoạch chuyển đổi số năm 2027</title>
<link>https://bo.example/tin/chuyen-doi-so-2027</link>
<description>Mục tiêu xử lý hồ sơ trên môi trường mạng.</description>
<pubDate>Mon, 23 Nov 2026 08:30:00 +0700</pubDate></item>
<item><title>Lịch tiếp công dân tháng 12</title><link>https://bo.example/tin/tiep-cong-dan</link>
<description>Lãnh đạo Bộ tiếp công dân ngày 15 hằng tháng.</description></item>
</channel></rss>"""
# Another portal reposts the same article (its link with another scheme,
# "www.", a trailing slash and a tracking parameter) and has one of its own.
DUPLICATE = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tỉnh Thử nghiệm</title><id>urn:tinh</id>
<updated>2026-11-24T09:00:00+07:00</updated>
<entry><title>Đăng lại: Bộ ban hành kế hoạch Chuyển Đổi Số năm 2027</title>
<link href="http://www.bo.example/tin/chuyen-doi-so-2027/?utm_source=tinh"/><id>urn:tinh:1</id>
<updated>2026-11-23T14:00:00+07:00</updated><summary>Tin đăng lại.</summary></entry>
<entry><title>Tỉnh đẩy mạnh chính phủ số</title><link href="https://tinh.example/tin/chinh-phu-so"/>
<id>urn:tinh:2</id><updated>2026-11-24T09:00:00+07:00</updated><summary>Số hóa hồ sơ.</summary></entry>
</feed>"""
MALFORMED = "<html><body><h1>502 Bad Gateway</h1><p>chuyển đổi số"
SLOW_SECONDS = 3
FEEDS = {"/matching.rss": MATCHING, "/duplicate.atom": DUPLICATE, "/malformed.rss": MALFORMED}


class FeedHandler(BaseHTTPRequestHandler):
    """Serves the test feeds; /slow.rss answers after SLOW_SECONDS, /large.rss sends 64 KB."""

    def do_GET(self):
        if self.path == "/slow.rss":
            time.sleep(SLOW_SECONDS)
            body = MATCHING.encode()
        elif self.path == "/large.rss":
            body = MATCHING.encode() + b" " * 64 * 1024
        else:
            body = FEEDS.get(self.path, "").encode()
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """Quiet: the test says what it expects."""


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """The client that gave up on /slow.rss closed its end: expected."""


class WebNewsCommon(OfficeCommon):
    """A local HTTP server on loopback serving feeds: one matching, one
    repeating it, one malformed, one too slow, one too large."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = FeedServer(("127.0.0.1", 0), FeedHandler)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"
        # the demo sources and topics are not used here
        cls.env["moffice.news.source"].search([]).active = False
        cls.env["moffice.news.topic"].search([]).active = False
        Topic = cls.env["moffice.news.topic"]
        cls.digital = Topic.create({"name": "Chuyển đổi số", "keywords": "chuyển đổi số\nchính phủ số"})
        cls.ip = Topic.create({"name": "Sở hữu trí tuệ", "keywords": "sáng chế, nhãn hiệu"})

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        """Requests to the test server keep their own timeout (Odoo raises
        every timeout to 10 s in tests)."""
        if urlsplit(r.url).netloc == urlsplit(cls.base).netloc:
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    def _source(self, path, **values):
        return (
            self.env["moffice.news.source"]
            .with_user(self.system_admin)
            .create({"name": path, "url": f"{self.base}{path}", "timeout": 1, **values})
        )


@tagged("post_install", "-at_install")
class TestWebNewsFilter(WebNewsCommon):
    """The scheduled fetch: matching items kept once; failures recorded per source."""

    def test_fetch_keeps_matching_items_once_and_records_each_failure(self):
        slow = self._source("/slow.rss", sequence=1)
        malformed = self._source("/malformed.rss", sequence=2)
        large = self._source("/large.rss", sequence=3, max_size=16)
        missing = self._source("/missing.rss", sequence=4)
        matching = self._source("/matching.rss", sequence=5)
        duplicate = self._source("/duplicate.atom", sequence=6)
        sources = slow | malformed | large | missing | matching | duplicate
        started = time.monotonic()
        for _run in range(3):
            self.env["moffice.news.source"]._cron_fetch()
        self.assertLess(time.monotonic() - started, SLOW_SECONDS, "the slow source did not hold the others")
        self.assertTrue(all(sources.mapped("date_fetched")))

        self.assertEqual(
            [(source.fetch_state, source.fetch_kept) for source in matching | duplicate], [("ok", 1), ("ok", 1)]
        )
        self.assertEqual(set((slow | malformed | large | missing).mapped("fetch_state")), {"failed"})
        self.assertIn("No answer within 1 seconds", slow.fetch_error)
        self.assertIn("not a valid RSS or Atom feed", malformed.fetch_error)
        self.assertIn("larger than 16 KB", large.fetch_error)
        self.assertIn("404", missing.fetch_error)

        items = self.env["moffice.news.web.item"].search([("source_id", "in", sources.ids)])
        self.assertEqual(
            sorted(items.mapped("link")),
            ["https://bo.example/tin/chuyen-doi-so-2027", "https://tinh.example/tin/chinh-phu-so"],
        )
        self.assertEqual(items.topic_ids, self.digital)
        first = items.filtered(lambda item: item.source_id == matching)
        self.assertEqual(first.name, "Bộ ban hành kế hoạch chuyển đổi số năm 2027")
        self.assertEqual(first.summary, "Mục tiêu xử lý hồ sơ trên môi trường mạng.")
        self.assertEqual(str(first.date_published), "2026-11-23 01:30:00")

        # fetched again: nothing new, nothing twice
        (matching | duplicate)._fetch()
        self.assertEqual(self.env["moffice.news.web.item"].search_count([("source_id", "in", sources.ids)]), 2)
        self.assertEqual((matching | duplicate).mapped("fetch_kept"), [0, 0])

    def test_a_source_limited_to_a_topic(self):
        source = self._source("/duplicate.atom", topic_ids=[(6, 0, self.ip.ids)])
        source._fetch()
        self.assertEqual((source.fetch_state, source.fetch_kept), ("ok", 0))

    def test_only_the_system_administrator_configures_sources_and_topics(self):
        for role in ("document_admin", "specialist", "clerk", "custodian"):
            user = self.role_users[role]
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.env["moffice.news.source"].with_user(user).create({"name": "x", "url": f"{self.base}/x"})
                with self.assertRaises(AccessError):
                    self.digital.with_user(user).write({"keywords": "bóng đá"})
        self.assertEqual(self.digital.keywords, "chuyển đổi số\nchính phủ số")


@tagged("post_install", "-at_install")
class TestWebNewsPromotion(WebNewsCommon):
    """Leaders, the system administrator and specialists read the items and
    post one as news; the clerk and the custodian do not see them."""

    def setUp(self):
        super().setUp()
        self._source("/matching.rss")._fetch()
        self.item = self.env["moffice.news.web.item"].search(
            [("link", "=", "https://bo.example/tin/chuyen-doi-so-2027")]
        )

    def test_posting_an_item_as_news(self):
        action = self.item.with_user(self.specialist).action_promote()
        news = self.env["moffice.news"].browse(action["res_id"])
        self.assertEqual(
            (news.state, news.author_id, news.name, news.link),
            ("draft", self.specialist, self.item.name, self.item.link),
        )
        self.assertEqual((self.item.state, self.item.news_id), ("promoted", news))
        news.with_user(self.specialist).action_publish()
        self.assertEqual(news.with_user(self.clerk).name, self.item.name)
        with self.assertRaises(UserError):
            self.item.with_user(self.leader).action_promote()

    def test_who_reads_and_promotes_items(self):
        for role in ("document_admin", "system_admin", "specialist"):
            with self.subTest(role=role):
                self.assertEqual(self.item.with_user(self.role_users[role]).name, self.item.name)
        for role in ("clerk", "custodian"):
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.item.with_user(self.role_users[role]).read(["name"])
                with self.assertRaises(AccessError):
                    self.item.with_user(self.role_users[role]).action_promote()
        self.assertEqual(self.item.state, "new")

    def test_items_are_never_deleted(self):
        for role, user in self.role_users.items():
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.item.with_user(user).unlink()
        self.assertTrue(self.item.exists())


@tagged("post_install", "-at_install")
class TestWebItemFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, WebNewsCommon):
    """Items from the web: only the fetch creates them, only the promotion changes them."""

    flow_model = "moffice.news.web.item"

    def flow_create_values(self, kind):
        source = self.env["moffice.news.source"].search([], limit=1) or self._source("/matching.rss")
        return {
            "name": "Tin từ web",
            "link": f"https://bo.example/tin/{self.env['moffice.news.web.item'].search_count([])}",
            "key": str(time.monotonic_ns()),
            "source_id": source.id,
            "company_id": self.env.company.id,
        }

    def flow_new(self, kind):
        return self.env["moffice.news.web.item"].sudo().create(self.flow_create_values(kind))

    def flow_relation_user(self, record, relation):
        return None

    def flow_calls(self):
        return {"promote": lambda item: item.action_promote()}
