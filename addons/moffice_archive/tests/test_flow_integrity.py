from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.flow_attack import FlowAttackMixin, FlowRecordsKeptMixin

from .common import ArchiveCommon

REASON = "Lý do kiểm thử"


class ArchiveFlowMixin:
    """Flow attacks on the archive's records (to mix before FlowAttackMixin
    into an ArchiveCommon): new paper originals, and who holds a relation."""

    def _paper_original(self, **values):
        """A new registered paper document: its original is an item of the Office's archive."""
        type(self).files += 1
        document = self._document(f"{self.files}/UBND-FLOW", "2026-02-10", readers=self.center_specialist, **values)
        return self.env["moffice.archive.item"].search([("document_id", "=", document.id)]), document

    def flow_relation_user(self, record, relation):
        record = record.sudo()
        if relation in ("in_charge", "borrower"):
            return record.user_id
        if relation == "unit_head":
            return record.department_id.manager_id.user_id or None
        if relation == "keeper":
            keepers = record.item_id if record._name == "moffice.archive.loan" else record
            return keepers._archive_keepers()[:1] or None
        return None


def send_then(call):
    """Hand the file's submission over (as the system), then take the archive's step."""

    def step(file):
        submission = file.sudo().submission_id
        if submission.state == "draft":
            submission.action_send()
        return call(file)

    return step


@tagged("post_install", "-at_install")
class TestFileFlowIntegrity(ArchiveFlowMixin, FlowAttackMixin, FlowRecordsKeptMixin, ArchiveCommon):
    """Files: opened, closed, submitted and frozen in the archive only by
    their steps. The files are the affiliated centre's (its custodian keeps
    them): every role of the Office is an outsider to them."""

    flow_model = "moffice.archive.file"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.env["moffice.case"].create({"name": "Vụ việc kiểm thử"})

    def flow_create_values(self, kind):
        type(self).files += 1
        return {"name": "Hồ sơ kiểm thử", "notation": f"{self.files:02d}.FL", "retention_id": self.retention_10.id}

    def flow_new(self, kind):
        file = self.env["moffice.archive.file"].with_user(self.center_specialist).create(self.flow_create_values(kind))
        file.sudo()._add(documents=self._paper_original()[1])
        return file

    def flow_calls(self):
        keep_until = fields.Date.today() + relativedelta(years=2)
        return {
            "close": lambda file: file._close({}),
            "reopen": lambda file: file.action_reopen(),
            "submit": lambda file: file.action_submit(),
            "accept": send_then(lambda file: file._accept(self.center_location)),
            "return": send_then(lambda file: file._return(REASON)),
            "ask_keep": lambda file: file._ask_keep(keep_until, REASON),
            "keep": lambda file: file.action_keep(),
            "refuse_keep": lambda file: file._refuse_keep(REASON),
            "hand_over": lambda file: file._hand_over(self.leader),
            "link_case": lambda file: file._link_case(self.case),
            "warn": lambda file: file._flow_step("warn", {"warning_stage": "soon"}),
        }


@tagged("post_install", "-at_install")
class TestSubmissionFlowIntegrity(ArchiveFlowMixin, FlowAttackMixin, FlowRecordsKeptMixin, ArchiveCommon):
    """Submissions: made by the files' steps, handed over by the clerk or a custodian."""

    flow_model = "moffice.archive.submission"

    def flow_create_values(self, kind):
        return {"note": "Nộp lưu kiểm thử"}

    def flow_new(self, kind):
        file = self._file(user=self.other_specialist)
        file.sudo()._add(documents=self._paper_original()[1])
        file.with_user(self.other_specialist)._close({})
        file.with_user(self.other_specialist).action_submit()
        return file.sudo().submission_id

    def flow_calls(self):
        return {
            "send": lambda submission: submission.action_send(),
            "complete": lambda submission: submission._flow_step("complete"),
        }


@tagged("post_install", "-at_install")
class TestItemFlowIntegrity(ArchiveFlowMixin, FlowAttackMixin, FlowRecordsKeptMixin, ArchiveCommon):
    """Archive items: made by the registration, placed by their custodians, lent only through loans."""

    flow_model = "moffice.archive.item"

    def flow_create_values(self, kind):
        return {"item_type": "document", "document_id": self._document("99/UBND-FLOW", "2026-02-10").id}

    def flow_new(self, kind):
        return self._paper_original()[0]

    def flow_calls(self):
        return {
            "lend": lambda item: item._flow_step("lend"),
            "give_back": lambda item: item._flow_step("give_back"),
        }


@tagged("post_install", "-at_install")
class TestLoanFlowIntegrity(ArchiveFlowMixin, FlowAttackMixin, FlowRecordsKeptMixin, ArchiveCommon):
    """Loans: asked by the borrower, authorised by a leader, lent and taken back by the custodians."""

    flow_model = "moffice.archive.loan"

    def flow_create_values(self, kind):
        item, _document = self._paper_original()
        item.location_id = self.location
        return {"item_id": item.id, "purpose": "Tra cứu", "date_until": fields.Date.today() + relativedelta(days=7)}

    def flow_new(self, kind):
        return self.env["moffice.archive.loan"].with_user(self.center_specialist).create(self.flow_create_values(kind))

    def flow_calls(self):
        def authorise(loan):
            # A leader authorises the loans of confidential items.
            loan.sudo().item_id.is_confidential = True
            return loan.action_authorise()

        return {
            "authorise": authorise,
            "lend": lambda loan: loan.action_lend(),
            "refuse": lambda loan: loan._refuse(REASON),
            "cancel": lambda loan: loan.action_cancel(),
            "recall": lambda loan: loan._recall(REASON),
            "remind": lambda loan: loan._flow_step("remind", {"reminder_count": 1}),
            "give_back": lambda loan: loan.action_give_back(),
        }


@tagged("post_install", "-at_install")
class TestCatalogueFlowIntegrity(ArchiveFlowMixin, FlowAttackMixin, ArchiveCommon):
    """File catalogues: drafted by the clerks, approved by a leader, published by the clerks."""

    flow_model = "moffice.archive.catalogue"

    def flow_create_values(self, kind):
        type(self).files += 1
        return {
            "year": 2100 + self.files,
            "leader_id": self.leader.id,
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "department_id": self.unit.id,
                        "notation": "01.FL",
                        "name": "Hồ sơ kiểm thử",
                        "retention_id": self.retention_10.id,
                    },
                )
            ],
        }

    def flow_new(self, kind):
        return self.env["moffice.archive.catalogue"].with_user(self.clerk).create(self.flow_create_values(kind))

    def flow_calls(self):
        return {
            "submit": lambda catalogue: catalogue.action_submit(),
            "approve": lambda catalogue: catalogue.action_approve(),
            "return": lambda catalogue: catalogue._return(REASON),
            "publish": lambda catalogue: catalogue.action_publish(),
            "amend": lambda catalogue: catalogue._amend(REASON),
        }


@tagged("post_install", "-at_install")
class TestFreezeFlowIntegrity(ArchiveFlowMixin, FlowAttackMixin, FlowRecordsKeptMixin, ArchiveCommon):
    """Frozen collections: frozen and unfrozen by a leader only."""

    flow_model = "moffice.archive.freeze"

    def flow_create_values(self, kind):
        return {
            "name": "Hồ sơ thanh tra",
            "order_reference": "15/QĐ-TTr",
            "document_ids": [(6, 0, self._paper_original()[1].ids)],
        }

    def flow_new(self, kind):
        return self.env["moffice.archive.freeze"].with_user(self.leader).create(self.flow_create_values(kind))

    def flow_calls(self):
        return {"freeze": lambda order: order.action_freeze(), "lift": lambda order: order._lift(REASON)}
