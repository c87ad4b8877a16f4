from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.moffice_documents.models.roles import ROLE_SPECIALIST


@tagged("post_install", "-at_install")
class TestOfficePhoneTour(HttpCase):
    """The news read on a phone (390 × 844, touch): the feed and the item fit
    the screen, and opening the item marks it read."""

    browser_size = "390x844"
    touch_enabled = True

    def test_news_on_a_phone(self):
        user = new_test_user(self.env, login="phone_office_cv", password="phone_office_cv", groups=ROLE_SPECIALIST)
        leader = new_test_user(
            self.env, login="phone_office_ld", groups="moffice_documents.group_moffice_document_admin"
        )
        news = (
            self.env["moffice.news"]
            .with_user(leader)
            .create(
                {
                    "name": "Lịch tiếp công dân tháng 12",
                    "summary": "Lãnh đạo Sở tiếp công dân ngày 15 hằng tháng.",
                    "body": "<p>Tại Phòng tiếp dân, tầng 1, từ 8h00 đến 11h00.</p>",
                }
            )
        )
        news.action_publish()
        self.assertFalse(news.with_user(user).is_read)
        self.start_tour("/odoo/action-moffice_office.action_moffice_news_feed", "moffice_phone_news", login=user.login)
        news.invalidate_recordset()
        self.assertTrue(news.with_user(user).is_read)
