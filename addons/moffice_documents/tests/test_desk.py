from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.moffice_documents.models.moffice_document import DRAFTED_KINDS, RELEASED_KINDS

from .common import DeskCommon, MofficeDocumentCommon


def _now():
    return fields.Datetime.now()


DOCUMENT = "moffice.document"
DOCUMENT_MEANINGS = {
    "incoming_to_register": (DOCUMENT, lambda d, u: d.kind == "incoming" and d.state == "draft"),
    "incoming_to_submit": (DOCUMENT, lambda d, u: d.kind == "incoming" and d.state in ("registered", "returned")),
    "approved_to_release": (DOCUMENT, lambda d, u: d.kind in RELEASED_KINDS and d.state == "approved"),
    "late_at_clerk": (DOCUMENT, lambda d, u: bool(d.date_clerk_due) and d.date_clerk_due < _now()),
    "to_route": (
        DOCUMENT,
        lambda d, u: d.kind == "incoming" and d.state == "submitted" and d.leader_id in (u, u.browse()),
    ),
    "to_approve": (
        DOCUMENT,
        lambda d, u: d.kind in (*DRAFTED_KINDS, "copy") and d.state == "submitted" and d.leader_id in (u, u.browse()),
    ),
    "access_changes": (DOCUMENT, lambda d, u: d.has_access_change),
    "documents_to_handle": (
        DOCUMENT,
        lambda d, u: d.kind == "incoming" and d.state == "routed" and d.lead_user_id == u,
    ),
    "comments_asked": (DOCUMENT, lambda d, u: any(c.user_id == u and c.state == "requested" for c in d.comment_ids)),
    "drafts_returned": (DOCUMENT, lambda d, u: d.kind in DRAFTED_KINDS and d.state == "returned" and d.owner_id == u),
    "for_information": (DOCUMENT, lambda d, u: d.state == "routed" and u in d.info_user_ids),
    "unit_documents": (
        DOCUMENT,
        lambda d, u: d.state == "routed" and d.lead_department_id.manager_id.user_id == u,
    ),
}


@tagged("post_install", "-at_install")
class TestDesk(DeskCommon):
    expected = DOCUMENT_MEANINGS

    def test_each_role_has_its_blocks(self):
        blocks = {role: set(self._desk(user)) for role, user in self.role_users.items()}
        self.assertEqual(blocks["clerk"], {"personal", "clerk"})
        self.assertEqual(blocks["document_admin"], {"personal", "document_admin"})
        self.assertEqual(blocks["custodian"], {"personal", "custodian"})
        self.assertEqual(blocks["system_admin"], {"personal", "system_admin"})
        # the specialist heads the test unit: the unit's block too
        self.assertEqual(blocks["specialist"], {"personal", "unit_head"})
        self.assertEqual(set(self._desk(self.other_specialist)), {"personal"})

    def test_clerk_counts_what_waits_at_the_desk(self):
        before = self.assertDeskTrue(self.clerk)
        self._incoming()
        self._incoming(reference="7/UBND-KT").action_register()
        self._outgoing_draft(self.leader, kind="outgoing").with_user(self.leader).action_submit()
        approved = self._outgoing_draft(self.leader, kind="outgoing")
        approved.with_user(self.leader).action_submit()
        approved.with_user(self.leader).action_approve()
        after = self.assertDeskTrue(self.clerk)
        for key in ("incoming_to_register", "incoming_to_submit", "approved_to_release"):
            self.assertEqual(after[key], before[key] + 1, key)

    def test_late_at_the_clerk_desk_is_listed_oldest_first(self):
        with freeze_time("2026-11-23 03:00:00"):
            first = self._incoming(reference="1/UBND-KT")
            first.action_register()
        with freeze_time("2026-11-24 03:00:00"):
            second = self._incoming(reference="2/UBND-KT")
            second.action_register()
        with freeze_time("2026-12-01 03:00:00"):
            self.assertDeskTrue(self.clerk)
            late = self._desk(self.clerk)["clerk"]["late_at_clerk"]
            self.assertTrue(late["late"])
            listed = [record["id"] for record in late["records"]]
            self.assertLess(listed.index(first.id), listed.index(second.id))

    def test_leader_counts_what_to_decide(self):
        before = self.assertDeskTrue(self.leader)
        incoming = self._incoming()
        incoming.action_register()
        incoming.action_submit()
        self._outgoing_draft().action_submit()
        other_leader = new_test_user(
            self.env, login="moffice_test_leader_2", groups="moffice_documents.group_moffice_document_admin"
        )
        self._outgoing_draft(leader_id=other_leader.id).action_submit()
        after = self.assertDeskTrue(self.leader)
        self.assertEqual(after["to_route"], before["to_route"] + 1)
        self.assertEqual(after["to_approve"], before["to_approve"] + 1)  # not the one submitted to another leader
        routed = self._desk(self.leader)["document_admin"]["to_route"]["records"]
        self.assertIn(incoming.id, [record["id"] for record in routed])

    def test_specialist_counts_only_what_he_may_read(self):
        before = self.assertDeskTrue(self.other_specialist)
        mine = self._routed(lead_user_id=self.other_specialist.id)
        self._routed("2/UBND-VX", lead_user_id=self.specialist.id, info_user_ids=[(6, 0, self.other_specialist.ids)])
        hidden = self._routed("3/UBND-VX", lead_user_id=self.specialist.id)
        draft = self._outgoing_draft()
        draft._request_comments(self.other_specialist.ids, "2026-12-31", "Góp ý giúp.")
        after = self.assertDeskTrue(self.other_specialist)
        self.assertEqual(after["documents_to_handle"], before["documents_to_handle"] + 1)
        self.assertEqual(after["for_information"], before["for_information"] + 1)
        self.assertEqual(after["comments_asked"], before["comments_asked"] + 1)
        handled = self._desk(self.other_specialist)["personal"]["documents_to_handle"]["records"]
        self.assertIn(mine.id, [record["id"] for record in handled])
        self.assertNotIn(hidden.id, [record["id"] for record in handled])
        self.assertFalse(self.env[DOCUMENT].with_user(self.other_specialist).search([("id", "=", hidden.id)]))

    def test_unit_head_counts_the_unit(self):
        before = self.assertDeskTrue(self.specialist)
        self._routed(lead_user_id=self.other_specialist.id, lead_department_id=self.unit.id)
        after = self.assertDeskTrue(self.specialist)
        self.assertEqual(after["unit_documents"], before["unit_documents"] + 1)

    def test_a_person_with_several_roles_sees_every_block(self):
        person = new_test_user(
            self.env,
            login="moffice_test_chief",
            groups="moffice_documents.group_moffice_clerk,moffice_documents.group_moffice_document_admin",
        )
        chief = self.env["hr.employee"].create({"name": "Chánh Văn phòng", "user_id": person.id})
        self.env["hr.department"].create(
            {"name": "Văn phòng Thử nghiệm", "moffice_code": "VPTN", "manager_id": chief.id}
        )
        self.assertEqual(set(self._desk(person)), {"personal", "clerk", "document_admin", "unit_head"})
        self._incoming(leader_id=person.id).action_register()
        self.assertDeskTrue(person)

    def test_a_counter_off_ones_desk_is_refused(self):
        with self.assertRaises(AccessError):
            self.env["moffice.desk"].with_user(self.specialist).open_counter("incoming_to_register")
        with self.assertRaises(AccessError):
            self.env["moffice.desk"].with_user(self.clerk).open_counter("to_approve")
        with self.assertRaises(AccessError):
            self.env["moffice.desk"].with_user(self.clerk).open_counter("no_such_counter")

    def test_an_empty_block_says_what_to_do(self):
        desk = self.env["moffice.desk"].with_user(self.other_specialist).get_desk()
        personal = next(block for block in desk["blocks"] if block["key"] == "personal")
        self.assertEqual(personal["total"], sum(counter["count"] for counter in personal["counters"]))
        self.assertTrue(personal["empty"])

    def test_counts_stop_at_the_cap(self):
        self._incoming()
        self._incoming(reference="7/UBND-KT")
        with patch("odoo.addons.moffice_documents.models.moffice_desk.COUNT_CAP", 1):
            counter = self._desk(self.clerk)["clerk"]["incoming_to_register"]
        self.assertEqual((counter["count"], counter["more"]), (1, True))


@tagged("post_install", "-at_install")
class TestDeskTours(HttpCase, MofficeDocumentCommon):
    """Each role lands on its desk in the browser and opens a counter."""

    def test_each_role_lands_on_its_desk(self):
        self._incoming(reference="1/UBND-KT")
        incoming = self._incoming(reference="2/UBND-KT")
        incoming.action_register()
        incoming.action_submit()
        self._routed("3/UBND-KT", lead_user_id=self.specialist.id, lead_department_id=self.unit.id)
        for tour, user in (
            ("moffice_desk_clerk", self.clerk),
            ("moffice_desk_leader", self.leader),
            ("moffice_desk_specialist", self.specialist),
            ("moffice_desk_unit_head", self.specialist),
            ("moffice_desk_empty", self.role_users["custodian"]),
            ("moffice_desk_empty", self.role_users["system_admin"]),
        ):
            with self.subTest(tour=tour, user=user.login):
                self.start_tour("/odoo", tour, login=user.login)
