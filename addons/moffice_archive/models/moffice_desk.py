from datetime import timedelta

from odoo import _lt, api, fields, models

from odoo.addons.moffice_documents.models.moffice_desk import PERSONAL, Counter
from odoo.addons.moffice_documents.models.roles import CLERK, CUSTODIAN

from .moffice_archive_loan import WAITING

FILES = "moffice_archive.action_moffice_archive_file"
LOANS = "moffice_archive.action_moffice_archive_loan"
SUBMISSIONS = "moffice_archive.action_moffice_archive_submission"


def _kept(desk):
    """What the archives this custodian keeps hold."""
    return [("archive_unit_id.moffice_custodian_ids", "in", desk.env.uid)]


class MofficeDesk(models.AbstractModel):
    """The archive's counters: files due at the archive for the clerk and
    their persons in charge, loans and submissions for the custodians."""

    _inherit = "moffice.desk"

    @api.model
    def _desk_counters(self):
        today = fields.Date.context_today(self)
        return [
            *super()._desk_counters(),
            Counter(
                "files_due",
                CLERK,
                _lt("Files due for the archive"),
                "moffice.archive.file",
                lambda desk: [("state", "=", "closed"), ("date_due", "<=", today + timedelta(days=30))],
                FILES,
                sequence=50,
            ),
            Counter(
                "my_files_due",
                PERSONAL,
                _lt("My files to submit to the archive"),
                "moffice.archive.file",
                lambda desk: [
                    ("user_id", "=", desk.env.uid),
                    ("state", "=", "closed"),
                    ("date_due", "<=", today + timedelta(days=30)),
                ],
                FILES,
                sequence=70,
            ),
            Counter(
                "loans_to_lend",
                CUSTODIAN,
                _lt("Loans asked of my archive"),
                "moffice.archive.loan",
                lambda desk: [("state", "in", WAITING), *_kept(desk)],
                LOANS,
                sequence=10,
                preview=5,
                order="create_date, id",
            ),
            Counter(
                "loans_due",
                CUSTODIAN,
                _lt("Loans due back this week"),
                "moffice.archive.loan",
                lambda desk: [
                    ("state", "=", "lent"),
                    ("date_until", ">=", today),
                    ("date_until", "<=", today + timedelta(days=7)),
                    *_kept(desk),
                ],
                LOANS,
                sequence=20,
            ),
            Counter(
                "loans_late",
                CUSTODIAN,
                _lt("Loans not returned in time"),
                "moffice.archive.loan",
                lambda desk: [("is_late", "=", True), *_kept(desk)],
                LOANS,
                sequence=30,
                late=True,
                preview=5,
                order="date_until, id",
                date_field="date_until",
            ),
            Counter(
                "submissions_to_check",
                CUSTODIAN,
                _lt("Submissions to check"),
                "moffice.archive.submission",
                lambda desk: [("state", "=", "sent"), *_kept(desk)],
                SUBMISSIONS,
                sequence=40,
            ),
        ]
