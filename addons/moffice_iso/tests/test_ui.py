from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.moffice_documents.tests.test_access_history import make_pdf


@tagged("post_install", "-at_install")
class TestIsoTour(HttpCase):
    """The Office chief drafts revision 2 of QT-VP-03 and submits it, the
    leader approves and issues it, a clerk acknowledges it; the master list
    shows revision 2 current and revision 1 obsolete. In a department of its
    own, so that the demo's QT-VP-03 is not in the way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"].create({"name": "Sở Tour"})
        company.resource_calendar_id.tz = "Asia/Ho_Chi_Minh"
        users = {}
        for login, name, role in (
            ("tour_iso_chief", "Tour Office Chief", "specialist"),
            ("tour_iso_leader", "Tour Leader", "document_admin"),
            ("tour_iso_clerk", "Tour Clerk", "clerk"),
        ):
            users[role] = new_test_user(
                cls.env,
                login=login,
                password=login,
                name=name,
                groups=f"moffice_documents.group_moffice_{role}",
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )
        cls.users = users
        office = cls.env["hr.department"].create({"name": "Văn phòng Tour", "company_id": company.id})
        for role in ("specialist", "clerk"):
            cls.env["hr.employee"].create(
                {
                    "name": users[role].name,
                    "user_id": users[role].id,
                    "department_id": office.id,
                    "company_id": company.id,
                }
            )
        chief = users["specialist"]
        cls.document = (
            cls.env["moffice.iso.document"]
            .with_user(users["clerk"])
            .create(
                {
                    "code": "QT-VP-03",
                    "name": "Quy trình tiếp nhận, xử lý văn bản đến",
                    "type_id": cls.env.ref("moffice_iso.iso_type_procedure").id,
                    "department_id": office.id,
                    "owner_id": chief.id,
                    "distribution_department_ids": [(6, 0, office.ids)],
                }
            )
        )
        action = cls.document.with_user(chief).action_new_revision()
        first = cls.env["moffice.iso.revision"].with_user(chief).browse(action["res_id"])
        file = (
            cls.env["ir.attachment"]
            .with_user(chief)
            .create({"name": "QT-VP-03-lan-01.pdf", "raw": make_pdf("QT-VP-03")})
        )
        first.write(
            {
                "attachment_ids": [(6, 0, file.ids)],
                "change_summary": "Ban hành lần đầu.",
                "leader_id": users["document_admin"].id,
            }
        )
        first.action_submit()
        first.with_user(users["document_admin"]).action_approve()
        first.with_user(users["clerk"])._issue(company._moffice_now().date())
        first.with_user(users["clerk"]).action_acknowledge()
        cls.first = first.with_env(cls.env)

    def test_revision_2_issued_approved_acknowledged(self):
        self.start_tour(
            f"/odoo/moffice.iso.document/{self.document.id}", "moffice_iso_owner_drafts", login="tour_iso_chief"
        )
        second = self.document.revision_ids - self.first
        self.assertEqual((second.state, second.drafter_id), ("to_approve", self.users["specialist"]))
        self.start_tour(
            f"/odoo/moffice.iso.revision/{second.id}", "moffice_iso_leader_approves", login="tour_iso_leader"
        )
        self.assertEqual(
            (second.state, second.revision_number, second.approver_id), ("issued", 2, self.users["document_admin"])
        )
        clerk = self.users["clerk"]
        self.assertIn(clerk, second.acknowledgement_ids.user_id)
        self.start_tour(
            f"/odoo/moffice.iso.revision/{second.id}", "moffice_iso_clerk_acknowledges", login="tour_iso_clerk"
        )
        line = second.acknowledgement_ids.filtered(lambda line: line.user_id == clerk)
        self.assertTrue(line.date_acknowledged)
        self.start_tour(
            "/odoo/action-moffice_iso.action_moffice_iso_document", "moffice_iso_master_list", login="tour_iso_clerk"
        )
        (self.first | second).invalidate_recordset()
        self.assertEqual((self.first.validity, second.validity), ("obsolete", "current"))
        self.assertEqual(self.document.current_revision_id, second)
