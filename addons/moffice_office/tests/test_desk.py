from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.common import DeskCommon

from .common import OfficeCommon


@tagged("post_install", "-at_install")
class TestOfficeDesk(OfficeCommon, DeskCommon):
    """Everyone's desk counts the news addressed to them and not yet read."""

    expected = {
        "news_unread": (
            "moffice.news",
            lambda news, user: news.state == "published" and news.is_for_me and not news.is_read,
        ),
    }

    def test_unread_news_until_opened(self):
        self._post_samples(self.specialist)
        before = self.assertDeskTrue(self.specialist)["news_unread"]
        self.assertEqual(self.assertDeskTrue(self.other_specialist)["news_unread"], before - 1, "not their unit's")
        self._open(self.for_everyone, self.specialist)
        self.assertEqual(self.assertDeskTrue(self.specialist)["news_unread"], before - 1)
