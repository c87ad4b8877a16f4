from odoo import fields

from odoo.addons.moffice_documents.tests.common import MofficeDocumentCommon
from odoo.addons.moffice_documents.tests.test_access_history import make_pdf


class IsoCommon(MofficeDocumentCommon):
    """A procedure owned by the head of the test unit (a specialist),
    distributed to the unit and to another specialist; revisions issued by
    the flow, each step by its role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.custodian = cls.role_users["custodian"]
        cls.system_admin = cls.role_users["system_admin"]
        cls.procedure_type = cls.env.ref("moffice_iso.iso_type_procedure")
        cls.form_type = cls.env.ref("moffice_iso.iso_type_form")
        cls.staff = cls.env["res.users"].browse(
            [
                cls.env["hr.employee"]
                .create({"name": name, "user_id": user.id, "department_id": cls.unit.id})
                .user_id.id
                for name, user in (("Văn thư Thử nghiệm", cls.clerk), ("Lưu trữ Thử nghiệm", cls.custodian))
            ]
        )

    def _document(self, code="QT-TN-03", type_=None, **values):
        """A controlled document the clerk registers, owned by the unit head."""
        return (
            self.env["moffice.iso.document"]
            .with_user(self.clerk)
            .create(
                {
                    "code": code,
                    "name": "Quy trình tiếp nhận, xử lý văn bản đến",
                    "type_id": (type_ or self.procedure_type).id,
                    "department_id": self.unit.id,
                    "owner_id": self.specialist.id,
                    "process": "Văn thư",
                    "distribution_department_ids": [(6, 0, self.unit.ids)],
                    "distribution_user_ids": [(6, 0, self.other_specialist.ids)],
                    **values,
                }
            )
        )

    def _draft(self, document, user=None, name="quy-trinh.pdf"):
        """A new revision started by ``user`` (the owner), its file attached and its change said."""
        user = user or document.owner_id
        action = document.with_user(user).action_new_revision()
        revision = self.env["moffice.iso.revision"].browse(action["res_id"]).with_user(user)
        revision.write(
            {
                "attachment_ids": [(6, 0, self._upload(user, name).ids)],
                "change_summary": "Cập nhật theo Nghị định 30/2020/NĐ-CP.",
                "leader_id": self.leader.id,
            }
        )
        return revision

    def _upload(self, user, name, data=None):
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create({"name": name, "raw": data or make_pdf(f"Nội dung {name}"), "mimetype": "application/pdf"})
        )

    def _activities(self, record, xmlid):
        """The open activities of the type ``xmlid`` on ``record``."""
        kind = self.env.ref(xmlid)
        return record.sudo().activity_ids.filtered(lambda activity: activity.activity_type_id == kind)

    def _issued(self, document, effective=None, **draft):
        """A revision drafted by the owner, approved by the leader and issued by the clerk."""
        revision = self._draft(document, **draft)
        revision.action_submit()
        revision.with_user(self.leader).action_approve()
        today = self.env.company._moffice_now().date()
        revision.with_user(self.clerk)._issue(fields.Date.to_date(effective) if effective else today)
        return revision.with_env(self.env)
