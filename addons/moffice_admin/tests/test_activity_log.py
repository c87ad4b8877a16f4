import contextlib
from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.moffice_admin.models.moffice_activity_log import purge_before

from .common import AdminCommon


class RolledBackError(Exception):
    """Ends a savepoint of the tests below."""


@tagged("post_install", "-at_install")
class TestActivityLog(AdminCommon):
    """Who created, changed or deleted what, with the old and new values."""

    def test_create_write_unlink_with_old_and_new_values(self):
        document = self._incoming(summary="V/v kế hoạch năm")
        document.with_user(self.clerk).write({"summary": "V/v kế hoạch năm 2027"})
        # the first entry is the creation, the last the clerk's change (other
        # addons may log what the system computed in between)
        entries = self._entries(self.leader, document)
        created, changed = entries[0], entries[-1]
        self.assertEqual((created.operation, created.user_id), ("create", self.clerk))
        self.assertIn(["summary", "Summary", "", "V/v kế hoạch năm"], created.changes)
        self.assertEqual((changed.operation, changed.user_id), ("write", self.clerk))
        self.assertEqual(changed.changes, [["summary", "Summary", "V/v kế hoạch năm", "V/v kế hoạch năm 2027"]])
        self.assertIn("V/v kế hoạch năm 2027", changed.changes_html)

        group = self.env["moffice.work.group"].with_user(self.system_admin).create({"name": "Tổ công tác số"})
        group.with_user(self.system_admin).unlink()
        entries = self.env["moffice.activity.log"].search(
            [("model", "=", "moffice.work.group"), ("res_id", "=", group.id)], order="id"
        )
        self.assertEqual(entries.mapped("operation"), ["create", "unlink"])
        self.assertEqual(entries[1].record_name, "Tổ công tác số")
        self.assertIn(["name", "Name", "Tổ công tác số", ""], entries[1].changes)

    def test_one_entry_per_record_and_transaction_none_for_what_was_rolled_back(self):
        document = self._incoming(summary="V/v thứ nhất")
        for summary in ("V/v thứ hai", "V/v thứ ba"):
            document.with_user(self.clerk).write({"summary": summary})
        changed = self._entries(self.leader, document).filtered(lambda entry: entry.operation == "write")
        self.assertEqual(len(changed), 1)
        self.assertEqual(changed.changes, [["summary", "Summary", "V/v thứ nhất", "V/v thứ ba"]])
        # what the system finds itself (e.g. a signature verified) is nobody's change
        document.sudo().with_context(moffice_activity_log=False).write({"summary": "V/v thứ tư"})
        self.assertEqual(self._entries(self.leader, document).filtered(lambda e: e.operation == "write"), changed)
        # a client asking for the same is logged all the same
        self.env.invalidate_all()
        document.with_user(self.clerk).with_context(moffice_activity_log=False).write({"summary": "V/v thứ năm"})
        latest = self._entries(self.leader, document).filtered(lambda e: e.operation == "write")[-1]
        self.assertEqual(latest.changes, [["summary", "Summary", "V/v thứ tư", "V/v thứ năm"]])

        Group = self.env["moffice.work.group"].with_user(self.system_admin)
        with contextlib.suppress(RolledBackError), self.env.cr.savepoint():
            kept_back = Group.create({"name": "Tổ không thành"})
            raise RolledBackError
        self.assertFalse(kept_back.exists())
        kept = Group.create({"name": "Tổ thành lập"})
        with contextlib.suppress(RolledBackError), self.env.cr.savepoint():
            kept.unlink()
            raise RolledBackError
        entries = self.env["moffice.activity.log"].search(
            [("model", "=", "moffice.work.group"), ("res_id", "in", (kept_back.id, kept.id))]
        )
        self.assertEqual(entries.mapped(lambda entry: (entry.res_id, entry.operation)), [(kept.id, "create")])

    def test_users_groups_and_access_settings_are_logged(self):
        user = (
            self.env["res.users"]
            .with_user(self.system_admin)
            .create({"name": "Cán bộ mới", "login": "cbmoi", "password": "MatKhau2026"})
        )
        user.with_user(self.system_admin).write(
            {"groups_id": [(4, self.env.ref("moffice_documents.group_moffice_specialist").id)]}
        )
        entries = self._entries(self.system_admin, user)
        self.assertEqual(entries[0].operation, "create")
        groups = [change for entry in entries[1:] for change in entry.changes if change[0] == "groups_id"]
        self.assertTrue(groups)
        self.assertIn("Specialist", groups[0][3])
        self.assertNotIn("Specialist", groups[0][2])
        self.assertNotIn("MatKhau2026", str(entries.mapped("changes")))

    def test_refused_changes_leave_no_entry(self):
        document = self._incoming()
        before = self._entries(self.leader, document)
        self.assertEqual(before[0].operation, "create")
        with self.assertRaises(AccessError):
            document.with_user(self.clerk).write({"state": "done"})
        self.assertEqual(self._entries(self.leader, document), before)

    def test_each_reads_own_actions_leaders_and_system_admin_everyone(self):
        document = self._incoming()
        self._outgoing_draft()
        clerk_entry = self._entries(self.leader, document)
        for user in (self.leader, self.system_admin):
            self.assertEqual(self._entries(user, document), clerk_entry)
        for user in (self.specialist, self.custodian, self.other_specialist):
            self.assertFalse(self._entries(user, document))
            with self.assertRaises(AccessError):
                clerk_entry.with_user(user).read(["changes"])
        own = self.env["moffice.activity.log"].with_user(self.specialist).search([])
        self.assertTrue(own)
        self.assertEqual(own.user_id, self.specialist)
        self.assertEqual(self.env["moffice.activity.log"].with_user(self.clerk).search([]).user_id, self.clerk)

    def test_nobody_changes_or_deletes_an_entry(self):
        entry = self._entries(self.leader, self._incoming())
        for user in self.role_users.values():
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    entry.with_user(user).write({"record_name": "sửa"})
                with self.assertRaises(AccessError):
                    entry.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    self.env["moffice.activity.log"].with_user(user).create(
                        {"date": datetime.now(), "operation": "create", "model": "x"}
                    )
        self.assertTrue(entry.exists())

    def test_purge_in_batches_after_the_retention_period(self):
        self.env["ir.config_parameter"].set_param("moffice_admin.log_retention_years", "5")
        limit = self.env["moffice.activity.log"]._retention_limit()
        self.assertEqual(limit.year, datetime.now().year - 5)
        self.env.cr.execute("DELETE FROM moffice_activity_log")
        for year in (2001, 2002, 2003, 2004, 2005, datetime.now().year):
            self.env.cr.execute(
                "INSERT INTO moffice_activity_log (date, operation, model, res_id) VALUES (%s, 'write', 'x', 1)",
                (datetime(year, 1, 1),),
            )
        deleted, batches = purge_before(self.env.cr, "moffice_activity_log", limit, batch=2, commit=False)
        self.assertEqual((deleted, batches), (5, 3))
        self.env.cr.execute("SELECT extract(year FROM date)::int FROM moffice_activity_log")
        self.assertEqual(self.env.cr.fetchall(), [(datetime.now().year,)])
