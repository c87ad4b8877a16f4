from odoo.tests import tagged

from .common import MofficeDocumentCommon
from .flow_attack import FlowAttackMixin, FlowRecordsKeptMixin

DEADLINE = "2030-12-31"


class DocumentFlowCommon(MofficeDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["moffice.case"].create({"name": "Vụ việc thử nghiệm"})
        cls.env["moffice.work.group"].create(
            {"name": "Tổ thử nghiệm", "member_ids": [(6, 0, cls.other_specialist.ids)]}
        )
        cls.types = {
            "outgoing": cls.env.ref("moffice_documents.type_outgoing_letter"),
            "draft": cls.env.ref("moffice_documents.type_outgoing_letter"),
            "internal": cls.env.ref("moffice_documents.type_outgoing_notice"),
            "decision": cls.env.ref("moffice_documents.type_decision_1"),
        }


@tagged("post_install", "-at_install")
class TestFlowForm(DocumentFlowCommon):
    def test_the_form_shows_read_only_what_the_flow_guards(self):
        """The form asks the allow-list, so a user never edits what saving would refuse."""
        arch = self.env["moffice.document"].get_view(view_type="form")["arch"]
        self.assertIn("',summary,' not in flow_editable_fields", arch)
        self.assertIn('name="flow_editable_fields"', arch)
        routed = self._routed()
        self.assertNotIn(",summary,", routed.with_user(self.specialist).flow_editable_fields)
        self.assertNotIn(",summary,", routed.with_user(self.clerk).flow_editable_fields)
        self.assertIn(",case_id,", routed.with_user(self.clerk).flow_editable_fields)
        incoming = self._incoming()
        self.assertIn(",summary,", incoming.with_user(self.clerk).flow_editable_fields)
        new = self.env["moffice.document"].with_user(self.specialist).new({"kind": "draft"})
        self.assertIn(",summary,", new.flow_editable_fields)
        self.assertIn(",kind,", new.flow_editable_fields)
        self.assertNotIn(",reader_user_ids,", new.flow_editable_fields)


@tagged("post_install", "-at_install")
class TestDocumentFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, DocumentFlowCommon):
    """Every kind of document, every state, every role."""

    flow_model = "moffice.document"

    def _creator(self, kind):
        if kind in ("incoming", "copy"):
            return self.clerk
        return self.specialist if kind in ("draft", "note") else self.leader

    def flow_create_values(self, kind):
        values = {"kind": kind, "summary": f"Văn bản {kind}"}
        if kind == "incoming":
            self.number = getattr(self, "number", 0) + 1
            values.update(
                issuer_id=self.issuer.id,
                reference=f"{self.number}/UBND-VX",
                date_document="2026-11-20",
                leader_id=self.leader.id,
            )
        elif kind == "note":
            values["parent_id"] = self._incoming().id
        elif kind == "copy":
            source = self._incoming()
            values.update(
                source_document_id=source.id,
                leader_id=self.leader.id,
                document_type_id=self.env.ref("moffice_documents.type_copy_true").id,
                recipients_note="Như trên; Lưu: VT.",
            )
        else:
            values.update(
                leader_id=self.leader.id,
                document_type_id=self.types[kind].id,
                department_id=self.unit.id,
                recipients_note="Như trên; Lưu: VT.",
            )
        return values

    def flow_new(self, kind):
        user = self._creator(kind)
        values = self.flow_create_values(kind)
        if kind not in ("internal", "note"):
            values["attachment_ids"] = [(6, 0, self._pdf(user, f"{kind}.pdf").ids)]
        return self.env["moffice.document"].with_user(user).create(values)

    def flow_relation_user(self, record, relation):
        if relation == "owner":
            return record.owner_id
        if relation == "handler":
            return record.lead_user_id or record.lead_department_id.manager_id.user_id
        return None

    def flow_calls(self):
        return {
            "register": lambda document: document.action_register(),
            "submit": lambda document: document.action_submit(),
            "route": lambda document: document._route(
                {
                    "direction": "Giao xử lý.",
                    "lead_user_id": self.specialist.id,
                    "date_deadline": DEADLINE,
                }
            ),
            "mark_done": lambda document: document._mark_done("Đã xử lý."),
            "ask_comments": lambda document: document._request_comments(
                self.other_specialist.ids, DEADLINE, "Đề nghị góp ý."
            ),
            "approve": lambda document: document.action_approve(),
            "release": lambda document: document.action_release(),
            "dispatch": lambda document: document._dispatch(
                {"date_dispatch": DEADLINE, "recipients_note": "UBND tỉnh", "envelope_count": 1}
            ),
            "return": lambda document: document._return("Bổ sung."),
            "return_to_sender": lambda document: document._return_to_sender("Gửi nhầm địa chỉ."),
            "issue": lambda document: document.action_issue(),
            "cancel": lambda document: document._cancel("Hủy."),
            "recall": lambda document: document._recall("Thu hồi."),
            "withdraw": lambda document: document._withdraw("Cơ quan ban hành thu hồi."),
            "grant_read": lambda document: document._grant_read(users=self.other_specialist),
        }


@tagged("post_install", "-at_install")
class TestCommentFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, DocumentFlowCommon):
    """Comments asked on a draft: only the person asked writes and sends one."""

    flow_model = "moffice.document.comment"

    def _draft(self):
        return self.env["moffice.document"].with_user(self.specialist).create({"kind": "draft", "summary": "Dự thảo"})

    def flow_create_values(self, kind):
        return {"document_id": self._draft().id, "user_id": self.other_specialist.id, "date_due": DEADLINE}

    def flow_new(self, kind):
        draft = self._draft()
        draft.with_user(self.specialist)._request_comments(self.other_specialist.ids, DEADLINE, "Góp ý giúp.")
        return draft.comment_ids

    def flow_relation_user(self, record, relation):
        return record.user_id if relation == "asked" else None

    def flow_calls(self):
        def give(comment):
            comment.write({"comment": "Đồng ý với dự thảo."})
            comment.action_give()

        return {"give": give}


@tagged("post_install", "-at_install")
class TestCaseFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, DocumentFlowCommon):
    """Cases are kept by leaders and clerks while open."""

    flow_model = "moffice.case"

    def flow_create_values(self, kind):
        return {"name": "Vụ việc mới"}

    def flow_new(self, kind):
        return self.env["moffice.case"].with_user(self.clerk).create(self.flow_create_values(kind))

    def flow_relation_user(self, record, relation):
        return None

    def flow_calls(self):
        return {"close": lambda case: case.action_close(), "reopen": lambda case: case.action_reopen()}
