from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.common import MofficeDocumentCommon
from odoo.addons.moffice_documents.tests.flow_attack import FlowAttackMixin, FlowRecordsKeptMixin

from .test_sms import GATEWAY_REQUEST, FakeResponse


@tagged("post_install", "-at_install")
class TestSmsFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, MofficeDocumentCommon):
    """An SMS is sent once, by a leader or the system administrator; its log stays as sent."""

    flow_model = "moffice.sms"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.vn")
        cls.clerk.partner_id.mobile = "0987 654 321"
        cls.env["moffice.sms.gateway"].create({"name": "Nhà cung cấp thử", "url": "https://sms.example.vn/send"})
        patcher = patch(GATEWAY_REQUEST, return_value=FakeResponse(200, '{"code":"00"}'))
        cls.startClassPatcher(patcher)

    def flow_create_values(self, kind):
        return {"body": "Họp giao ban lúc 14h00", "user_ids": [(6, 0, self.clerk.ids)]}

    def flow_new(self, kind):
        return self.env["moffice.sms"].with_user(self.leader).create(self.flow_create_values(kind))

    def flow_relation_user(self, record, relation):
        return None

    def flow_calls(self):
        return {"send": lambda sms: sms.action_send()}
