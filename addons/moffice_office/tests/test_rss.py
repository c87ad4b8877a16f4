from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import OfficeCommon

SAMPLE_TITLES = ("Tin cho toàn Sở", "Tin cho Phòng Thử nghiệm", "Bản nháp")


@tagged("post_install", "-at_install")
class TestNewsRss(OfficeCommon, HttpCase):
    """The personal RSS feed: its token, what it lists, its revocation."""

    def setUp(self):
        super().setUp()
        self._post_samples(self.leader)
        self.Feed = self.env["moffice.news.feed"]

    def _feed_of(self, user):
        action = self.Feed.with_user(user).action_open_mine()
        return self.Feed.with_user(user).browse(action["res_id"])

    def _titles(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/rss+xml; charset=utf-8")
        titles = etree.fromstring(response.content).xpath("/rss/channel/item/title/text()")
        # the news of this test, in the feed's order (the demo data have more)
        return [title for title in titles if title in SAMPLE_TITLES]

    def test_each_person_reads_the_news_addressed_to_them(self):
        specialist_url = self._feed_of(self.specialist).url
        other_url = self._feed_of(self.other_specialist).url
        self.assertNotEqual(specialist_url, other_url)
        self.assertEqual(self._titles(specialist_url), ["Tin cho Phòng Thử nghiệm", "Tin cho toàn Sở"])
        self.assertEqual(self._titles(other_url), ["Tin cho toàn Sở"])
        # without a session: the token alone opens it; a wrong one does not
        self.assertEqual(self.url_open(specialist_url[:-4] + "xxxx").status_code, 404)
        self.assertEqual(self.url_open("/moffice/news/rss/").status_code, 404)

    def test_every_role_has_a_feed_once(self):
        for role, user in self.role_users.items():
            with self.subTest(role=role):
                feed = self._feed_of(user)
                self.assertEqual(feed.user_id, user)
                self.assertEqual(self._feed_of(user), feed, "opening it again gives the same feed")
                self.assertIn("Tin cho toàn Sở", self._titles(feed.url))

    def test_revoking_stops_the_old_address(self):
        feed = self._feed_of(self.specialist)
        old_url = feed.url
        feed.action_revoke()
        feed.invalidate_recordset()
        self.assertNotEqual(feed.url, old_url)
        self.assertEqual(feed.revoke_count, 1)
        self.assertEqual(self.url_open(old_url).status_code, 404)
        self.assertIn("Tin cho toàn Sở", self._titles(feed.url))

    def test_an_archived_person_has_no_feed(self):
        url = self._feed_of(self.other_specialist).url
        self.other_specialist.active = False
        self.assertEqual(self.url_open(url).status_code, 404)

    def test_nobody_reads_forges_or_revokes_another_feed(self):
        feed = self._feed_of(self.specialist)
        url = feed.url
        for role, user in dict(self.role_users, outsider=self.other_specialist).items():
            if user == self.specialist:
                continue
            with self.subTest(role=role):
                self.assertFalse(self.Feed.with_user(user).search([("id", "=", feed.id)]))
                with self.assertRaises(AccessError):
                    feed.with_user(user).read(["url"])
                with self.assertRaises(AccessError):
                    feed.with_user(user).action_revoke()
                with self.assertRaises(AccessError):
                    self.Feed.with_user(user).create({"user_id": user.id, "token": "x" * 43})
        # its owner neither types a token nor deletes the feed by hand
        with self.assertRaises(AccessError):
            feed.with_user(self.specialist).write({"token": "chosen-token"})
        with self.assertRaises(AccessError):
            feed.with_user(self.specialist).unlink()
        feed.invalidate_recordset()
        self.assertEqual(feed.with_user(self.specialist).url, url)
