from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.moffice_documents.models.roles import ROLE_SPECIALIST


@tagged("post_install", "-at_install")
class TestOfficeTours(HttpCase):
    """In the browser, a specialist reads the unread announcement, opens the
    user guide of the role and starts its guided tour."""

    def test_read_announcement_open_guide_start_tour(self):
        user = new_test_user(self.env, login="tour_office_cv", password="tour_office_cv", groups=ROLE_SPECIALIST)
        unit = self.env["hr.department"].create({"name": "Phòng Tour", "moffice_code": "PTOUR"})
        self.env["hr.employee"].create({"name": "Chuyên viên Tour", "user_id": user.id, "department_id": unit.id})
        leader = new_test_user(
            self.env, login="tour_office_ld", groups="moffice_documents.group_moffice_document_admin"
        )
        News = self.env["moffice.news"].with_user(leader)
        older = News.create({"name": "Tin đã cũ", "summary": "Tin đăng trước."})
        older.action_publish()
        announcement = News.create(
            {
                "name": "Thông báo lịch họp giao ban tuần",
                "summary": "Họp giao ban thứ Hai.",
                "body": "<p>Họp lúc 8h00 thứ Hai tại phòng họp tầng 3.</p>",
                "is_announcement": True,
            }
        )
        announcement.action_publish()
        older.with_user(user)._mark_read()
        self.assertFalse(announcement.with_user(user).is_read)

        self.start_tour(
            "/odoo/action-moffice_office.action_moffice_news_feed", "moffice_office_news_guide", login=user.login
        )
        announcement.invalidate_recordset()
        self.assertTrue(announcement.with_user(user).is_read)
        self.assertEqual(announcement.read_ids.user_id, user)
