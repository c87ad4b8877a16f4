from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.moffice_office.models.moffice_news import READ_ACTIVITY

from .common import OfficeCommon

# Monday 2 December 2030, in Viet Nam (UTC+7): 07:10 and 07:25 local time.
MONDAY_0710 = "2030-12-02 00:10:00"
MONDAY_0725 = "2030-12-02 00:25:00"
SATURDAY_0725 = "2030-12-07 00:25:00"


@tagged("post_install", "-at_install")
class TestNewsAudience(OfficeCommon):
    """Who reads a news item: its audience, both ways; and the read marks."""

    def _feed(self, user):
        """The news feed of ``user``, in its order: unread first."""
        return (
            self.env["moffice.news"]
            .with_user(user)
            .search(
                [("state", "=", "published"), ("is_for_me", "=", True), ("id", "in", self.posted.ids)],
                order="is_read, date_publish desc, id desc",
            )
        )

    def setUp(self):
        super().setUp()
        self._post_samples(self.specialist)
        self.posted = self.for_everyone | self.for_unit | self.draft

    def test_everyone_reads_news_for_everyone(self):
        for role, user in dict(self.role_users, outsider=self.other_specialist).items():
            with self.subTest(role=role):
                self.assertIn(self.for_everyone, self._feed(user))
                self.assertEqual(self.for_everyone.with_user(user).name, "Tin cho toàn Sở")

    def test_unit_news_reach_the_unit_and_its_sub_units_only(self):
        # the head of the unit and a member of its sub-unit read it
        for user in (self.specialist, self.custodian):
            with self.subTest(user=user.login):
                self.assertIn(self.for_unit, self._feed(user))
        # a member of another unit, the clerk (in no unit) do not: not in
        # their feed, and refused when asked for it directly
        for user in (self.other_specialist, self.clerk):
            with self.subTest(user=user.login):
                self.assertNotIn(self.for_unit, self._feed(user))
                with self.assertRaises(AccessError):
                    self.for_unit.with_user(user).read(["name"])
        # leaders read every item (to withdraw it) but it is not in their feed
        self.assertEqual(self.for_unit.with_user(self.leader).name, "Tin cho Phòng Thử nghiệm")
        self.assertNotIn(self.for_unit, self._feed(self.leader))

    def test_drafts_are_read_by_their_author_only(self):
        self.assertEqual(self.draft.with_user(self.specialist).name, "Bản nháp")
        for user in (self.other_specialist, self.clerk, self.custodian):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.draft.with_user(user).read(["name"])

    def test_opening_an_item_marks_it_read_once(self):
        reader = self.other_specialist
        self.assertFalse(self.for_everyone.with_user(reader).is_read)
        # the feed's cards read title and summary: not a reading
        self.env["moffice.news"].with_user(reader).web_search_read(
            [("id", "=", self.for_everyone.id)], {"name": {}, "summary": {}}
        )
        self.assertFalse(self.for_everyone.read_ids)
        self._open(self.for_everyone, reader)
        self._open(self.for_everyone, reader)
        self.assertEqual(self.for_everyone.read_ids.user_id, reader)
        self.assertTrue(self.for_everyone.with_user(reader).is_read)
        self.assertFalse(self.for_everyone.with_user(self.clerk).is_read)
        self.assertEqual(self.for_everyone.read_count, 1)

    def test_unread_items_come_first(self):
        latest = self._published(name="Tin mới nhất")
        self.posted |= latest
        reader = self.specialist
        self.assertEqual(self._feed(reader)[0], latest)
        self._open(latest, reader)
        self.assertEqual(self._feed(reader)[-1], latest)
        self.assertEqual(
            self.env["moffice.news"]
            .with_user(reader)
            .search([("id", "in", self.posted.ids), ("state", "=", "published"), ("is_read", "=", False)]),
            self.for_everyone | self.for_unit,
        )

    def test_opening_what_one_may_not_read_marks_nothing(self):
        with self.assertRaises(AccessError):
            self._open(self.for_unit, self.other_specialist)
        self.assertFalse(self.for_unit.read_ids)

    def test_read_marks_cannot_be_forged(self):
        self._open(self.for_everyone, self.clerk)
        mark = self.for_everyone.read_ids
        Mark = self.env["moffice.news.read"]
        for role, user in dict(self.role_users, outsider=self.other_specialist).items():
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    Mark.with_user(user).create(
                        {"news_id": self.for_unit.id, "user_id": user.id, "date_read": "2026-11-25 08:00:00"}
                    )
                with self.assertRaises(AccessError):
                    mark.with_user(user).write({"date_read": "2026-01-01 08:00:00"})
                with self.assertRaises(AccessError):
                    mark.with_user(user).unlink()
        self.assertEqual(self.for_everyone.read_ids, mark)

    def test_who_sees_the_read_marks(self):
        self._open(self.for_unit, self.custodian)
        mark = self.for_unit.read_ids
        # the reader, the author and the leaders; not another specialist
        for user in (self.custodian, self.specialist, self.leader, self.system_admin):
            with self.subTest(user=user.login):
                self.assertEqual(self.env["moffice.news.read"].with_user(user).search([("id", "=", mark.id)]), mark)
        self.assertFalse(self.env["moffice.news.read"].with_user(self.other_specialist).search([("id", "=", mark.id)]))


@tagged("post_install", "-at_install")
class TestNewsPosting(OfficeCommon):
    """Who posts, what a post must say, its dates; published news are kept."""

    def test_posting_roles(self):
        for role in ("document_admin", "system_admin", "specialist"):
            with self.subTest(role=role):
                news = self._published(self.role_users[role], name=f"Tin của {role}")
                self.assertEqual((news.state, news.author_id), ("published", self.role_users[role]))
        for role in ("clerk", "custodian"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self._news(self.role_users[role])

    def test_nobody_posts_in_someone_elses_name(self):
        with self.assertRaises(AccessError):
            self._news(self.specialist, author_id=self.leader.id)
        news = self._news(self.specialist)
        with self.assertRaises(AccessError):
            news.with_user(self.specialist).write({"author_id": self.leader.id})
        with self.assertRaises(AccessError):
            news.with_user(self.leader).action_publish()
        self.assertEqual((news.state, news.author_id), ("draft", self.specialist))

    def test_bad_input_is_refused_and_nothing_lost(self):
        news = self._news(self.specialist, audience="units")
        with self.assertRaisesRegex(UserError, "choose the units"):
            news.with_user(self.specialist).action_publish()
        empty = self._news(self.specialist, summary=False, body="<p><br></p>")
        with self.assertRaisesRegex(UserError, "summary or its content"):
            empty.with_user(self.specialist).action_publish()
        with self.assertRaises(ValidationError):
            self._news(self.specialist, date_publish="2030-12-05 08:00:00", date_expire="2030-12-04 08:00:00")
        self.assertEqual((news.state, news.name, news.audience), ("draft", "Họp giao ban tháng", "units"))

    def test_published_news_change_no_more_and_are_never_deleted(self):
        news = self._published(self.specialist)
        with self.assertRaises(AccessError):
            news.with_user(self.specialist).write({"name": "Sửa sau khi đăng"})
        for user in (self.specialist, self.leader, self.system_admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                news.with_user(user).unlink()
        with self.assertRaises(UserError):
            news.sudo().unlink()
        draft = self._news(self.specialist)
        draft.with_user(self.specialist).unlink()
        self.assertFalse(draft.exists())

    def test_scheduled_news_go_live_at_their_date_and_expire(self):
        with freeze_time("2030-12-02 01:00:00"):
            news = self._news(self.specialist, date_publish="2030-12-03 01:00:00", date_expire="2030-12-10 01:00:00")
            news.with_user(self.specialist).action_publish()
            self.assertEqual(news.state, "scheduled")
            self.assertFalse(self.env["moffice.news"].with_user(self.clerk).search([("id", "=", news.id)]))
            self.env["moffice.news"]._cron_publish()
            self.assertEqual(news.state, "scheduled")
        with freeze_time("2030-12-03 01:05:00"):
            self.env["moffice.news"]._cron_publish()
            self.assertEqual(news.state, "published")
            self.assertEqual(self.env["moffice.news"].with_user(self.clerk).search([("id", "=", news.id)]), news)
        with freeze_time("2030-12-10 01:05:00"):
            self.env["moffice.news"]._cron_publish()
            self.assertEqual(news.state, "expired")

    def test_withdrawn_news_leave_every_feed(self):
        news = self._published(self.specialist)
        with self.assertRaises(AccessError):
            news.with_user(self.other_specialist).action_withdraw()
        news.with_user(self.leader).action_withdraw()
        self.assertEqual(news.state, "withdrawn")
        with self.assertRaises(AccessError):
            news.with_user(self.clerk).read(["name"])


@tagged("post_install", "-at_install")
class TestAnnouncementReminder(OfficeCommon):
    """Announcements not read by 07:20 on a working day become reminders (Art. 6.1)."""

    def _reminded(self, news):
        """The users who have a reminder to read ``news``, once each."""
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "moffice.news"),
                ("res_id", "=", news.id),
                ("activity_type_id", "=", self.env.ref(READ_ACTIVITY).id),
            ]
        )
        self.assertEqual(len(activities), len(activities.user_id), "one reminder per person")
        return activities.user_id

    def test_unread_announcements_are_reminded_at_0720(self):
        with freeze_time("2030-12-01 10:00:00"):
            announcement = self._published(name="Thông báo nghỉ lễ", is_announcement=True)
            unit_announcement = self._published(
                self.specialist,
                name="Thông báo của phòng",
                is_announcement=True,
                audience="units",
                department_ids=[(6, 0, self.unit.ids)],
            )
            news = self._published(name="Tin thường")
            self._open(announcement, self.clerk)
        cron = self.env["moffice.news"]._cron_remind_announcements
        with freeze_time(MONDAY_0710):
            cron()
        self.assertFalse(self._reminded(announcement))
        with freeze_time(MONDAY_0725):
            cron()
            cron()
        reminded = self._reminded(announcement)
        self.assertIn(self.specialist, reminded)
        self.assertIn(self.other_specialist, reminded)
        self.assertNotIn(self.clerk, reminded, "the clerk has read it")
        unit_reminded = self._reminded(unit_announcement)
        self.assertIn(self.custodian, unit_reminded, "a member of the sub-unit")
        self.assertNotIn(self.other_specialist, unit_reminded, "not addressed to another unit")
        self.assertFalse(self._reminded(news), "only announcements are reminded")
        # reading it is doing the reminder
        self._open(announcement, self.specialist)
        self.assertNotIn(self.specialist, self._reminded(announcement))
        self.assertIn(self.other_specialist, self._reminded(announcement))

    def test_no_reminder_on_a_day_off(self):
        with freeze_time("2030-12-06 10:00:00"):
            announcement = self._published(name="Thông báo cuối tuần", is_announcement=True)
        with freeze_time(SATURDAY_0725):
            self.env["moffice.news"]._cron_remind_announcements()
        self.assertFalse(self._reminded(announcement))
