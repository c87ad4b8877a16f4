from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.moffice_documents.tests.flow_attack import FlowAttackMixin, FlowRecordsKeptMixin

from .common import OfficeCommon


@tagged("post_install", "-at_install")
class TestNewsFlowIntegrity(FlowAttackMixin, FlowRecordsKeptMixin, OfficeCommon):
    """News: state, author, dates and audience change only by the steps of
    their flow; a published item is kept."""

    flow_model = "moffice.news"

    def flow_create_values(self, kind):
        return {"name": "Thông báo lịch họp", "summary": "Họp lúc 14h00."}

    def flow_new(self, kind):
        return self.env["moffice.news"].with_user(self.specialist).create(self.flow_create_values(kind))

    def flow_relation_user(self, record, relation):
        return record.author_id if relation == "author" else None

    def flow_calls(self):
        def schedule(news):
            news.write({"date_publish": fields.Datetime.now() + timedelta(days=30)})
            news.action_publish()

        return {
            "publish": lambda news: news.action_publish(),
            "schedule": schedule,
            "unschedule": lambda news: news.action_unschedule(),
            "go_live": lambda news: news._flow_step("go_live"),
            "expire": lambda news: news._flow_step("expire"),
            "withdraw": lambda news: news.action_withdraw(),
        }
