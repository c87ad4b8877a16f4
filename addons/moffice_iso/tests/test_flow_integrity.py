from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.flow_attack import FlowAttackMixin, FlowRecordsKeptMixin

from .common import IsoCommon


class IsoFlowCommon:
    """What the three flows' attacks share (mixed in before FlowAttackMixin)."""

    def _code(self):
        type(self).codes = getattr(type(self), "codes", 0) + 1
        return f"QT-TN-{type(self).codes:03d}"

    def _today(self):
        return self.env.company._moffice_now().date()

    def flow_relation_user(self, record, relation):
        record = record.sudo()
        if relation == "owner":
            return record.owner_id if record._name == "moffice.iso.document" else record.document_id.owner_id
        if relation == "drafter":
            return record.drafter_id
        if relation == "reviewer":
            return record.review_ids.filtered(lambda line: not line.date_commented).user_id[:1]
        if relation == "recipient":
            return record.acknowledgement_ids.filtered(lambda line: not line.date_acknowledged).user_id[:1]
        return None


@tagged("post_install", "-at_install")
class TestIsoRevisionFlowIntegrity(IsoFlowCommon, FlowAttackMixin, FlowRecordsKeptMixin, IsoCommon):
    """Revisions: number, dates, approval and issue change only through their steps."""

    flow_model = "moffice.iso.revision"

    def flow_create_values(self, kind):
        return {"document_id": self._document(code=self._code()).id, "change_summary": "Sửa đổi."}

    def flow_new(self, kind):
        return self._draft(self._document(code=self._code()))

    def flow_calls(self):
        return {
            "ask_review": lambda revision: revision._ask_review(self.leader, self._today()),
            "comment": lambda revision: revision._comment("Đồng ý."),
            "submit": lambda revision: revision.action_submit(),
            "approve": lambda revision: revision.action_approve(),
            "return": lambda revision: revision._return("Sửa lại."),
            "issue": lambda revision: revision._issue(self._today()),
            "acknowledge": lambda revision: revision.action_acknowledge(),
            "remind": lambda revision: revision._remind(revision.sudo().acknowledgement_ids),
            "cancel": lambda revision: revision.action_cancel(),
        }


@tagged("post_install", "-at_install")
class TestIsoDocumentFlowIntegrity(IsoFlowCommon, FlowAttackMixin, IsoCommon):
    """Controlled documents: their revision counter, state and review dates change only through steps."""

    flow_model = "moffice.iso.document"

    def flow_create_values(self, kind):
        return {
            "code": self._code(),
            "name": "Quy trình thử nghiệm",
            "type_id": self.procedure_type.id,
            "department_id": self.unit.id,
        }

    def flow_new(self, kind):
        return self._document(code=self._code())

    def flow_calls(self):
        def record_issue(document):
            preparing = document.sudo().revision_ids.filtered(lambda revision: revision.state == "draft")
            revision = preparing.with_env(document.env) or self._draft(document, user=document.env.user)
            revision.action_submit()
            revision.with_user(self.leader).action_approve()
            revision._issue(self._today())

        return {
            "new_revision": lambda document: document.action_new_revision(),
            "record_issue": record_issue,
            "confirm_review": lambda document: document._confirm_review("Còn phù hợp."),
        }


@tagged("post_install", "-at_install")
class TestIsoRecordFlowIntegrity(IsoFlowCommon, FlowAttackMixin, FlowRecordsKeptMixin, IsoCommon):
    """Implementation records: disposed of only by a leader, past their retention, never deleted."""

    flow_model = "moffice.iso.record"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        procedure = cls.env["moffice.iso.document"].create(
            {"code": "QT-TN-99", "name": "Quy trình", "type_id": cls.procedure_type.id, "department_id": cls.unit.id}
        )
        cls.requirement = cls.env["moffice.iso.record.requirement"].create(
            {
                "document_id": procedure.id,
                "name": "Sổ đăng ký",
                "record_type_id": cls.env.ref("moffice_iso.iso_record_type_register").id,
                "retention_months": 12,
            }
        )

    def flow_create_values(self, kind):
        return {
            "name": "Sổ đăng ký năm 2020",
            "requirement_id": self.requirement.id,
            "department_id": self.unit.id,
            "date": "2020-01-15",
        }

    def flow_new(self, kind):
        return self.env["moffice.iso.record"].with_user(self.clerk).create(self.flow_create_values(kind))

    def flow_calls(self):
        return {"dispose": lambda record: record._dispose("Hết thời hạn bảo quản.")}
