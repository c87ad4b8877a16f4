from odoo.addons.moffice_documents.tests.common import MofficeDocumentCommon


class OfficeCommon(MofficeDocumentCommon):
    """Role users, the test unit (headed by the specialist) with a sub-unit
    and another unit, and how news are posted and opened."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.sub_unit = cls.env["hr.department"].create(
            {"name": "Tổ Thử nghiệm", "moffice_code": "TTN", "parent_id": cls.unit.id}
        )
        cls.other_unit = cls.env["hr.department"].create({"name": "Phòng Khác", "moffice_code": "PK"})
        cls.custodian = cls.role_users["custodian"]
        cls.system_admin = cls.role_users["system_admin"]
        Employee.create({"name": "Lưu trữ Thử nghiệm", "user_id": cls.custodian.id, "department_id": cls.sub_unit.id})
        Employee.create(
            {"name": "Chuyên viên Khác", "user_id": cls.other_specialist.id, "department_id": cls.other_unit.id}
        )

    def _news(self, user=None, **values):
        """A news item as ``user`` (the leader by default) writes it, still a draft."""
        return (
            self.env["moffice.news"]
            .with_user(user or self.leader)
            .create({"name": "Họp giao ban tháng", "summary": "Họp lúc 14h00 tại phòng họp tầng 3.", **values})
        )

    def _published(self, user=None, **values):
        news = self._news(user, **values)
        news.action_publish()
        return news

    def _post_samples(self, author):
        """Published by ``author``: a news item for everyone and one for the
        test unit; and a draft of theirs."""
        self.for_everyone = self._published(name="Tin cho toàn Sở")
        self.for_unit = self._published(
            author, name="Tin cho Phòng Thử nghiệm", audience="units", department_ids=[(6, 0, self.unit.ids)]
        )
        self.draft = self._news(author, name="Bản nháp")

    def _open(self, news, user):
        """What the news form does when ``user`` opens ``news``: read its content."""
        news.with_user(user).web_read({"name": {}, "summary": {}, "body": {}, "author_id": {"fields": {}}})
        news.invalidate_recordset()
