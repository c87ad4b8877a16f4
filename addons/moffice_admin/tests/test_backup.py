import hashlib
import shutil
import tempfile
from contextlib import closing
from pathlib import Path
from unittest.mock import patch

import odoo
from odoo.exceptions import AccessError
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.moffice_admin.tools import backup as backup_tools

from .common import AdminCommon


@tagged("post_install", "-at_install")
class TestBackup(AdminCommon):
    """Backups on demand and by the month, recorded, kept, warned about."""

    def setUp(self):
        super().setUp()
        self.directory = Path(tempfile.mkdtemp(prefix="moffice-backup-test-"))
        self.addCleanup(shutil.rmtree, self.directory)
        self.env["ir.config_parameter"].set_param("moffice_admin.backup_directory", str(self.directory))
        self.env["ir.config_parameter"].set_param("moffice_admin.backup_keep", "1")

    @staticmethod
    def _drop(dbname):
        odoo.sql_db.close_db(dbname)
        with closing(db_connect("postgres").cursor()) as cr:
            cr._cnx.autocommit = True
            cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(dbname)))
        shutil.rmtree(odoo.tools.config.filestore(dbname), ignore_errors=True)

    def test_backup_now_is_recorded_and_only_the_last_ones_kept(self):
        Backup = self.env["moffice.backup"]
        first = Backup.browse(Backup.with_user(self.system_admin).action_backup_now()["res_id"])
        self.assertEqual((first.result, first.kind, first.user_id), ("done", "manual", self.system_admin))
        archive = Path(first.path)
        self.assertEqual(hashlib.sha256(archive.read_bytes()).hexdigest(), first.checksum)
        self.assertEqual(Path(f"{archive}.sha256").read_text().split()[0], first.checksum)
        self.assertGreater(first.row_count, 0)
        self.assertGreater(backup_tools.check_archive(archive)["tables"]["moffice_register"], 0)
        with self.assertRaises(backup_tools.RestoreRefused):
            damaged = bytearray(archive.read_bytes())
            damaged[len(damaged) // 3] ^= 1
            archive.write_bytes(bytes(damaged))
            backup_tools.check_archive(archive)
        second = Backup._run("manual")
        self.assertFalse(first.is_kept)
        self.assertTrue(second.is_kept)
        for user in (self.leader, self.clerk, self.specialist, self.custodian):
            with self.assertRaises(AccessError):
                Backup.with_user(user).action_backup_now()
            with self.assertRaises(AccessError):
                first.with_user(user).read(["path"])
        with self.assertRaises(AccessError):
            first.with_user(self.system_admin).unlink()

    def test_backup_cut_short_leaves_no_archive(self):
        """A backup that stops while writing its archive (a killed process,
        a full disk) leaves no ``.tar``: the last good archive stays kept."""
        Backup = self.env["moffice.backup"]
        good = Backup._run("manual")
        with (
            patch.object(backup_tools.tarfile.TarFile, "add", side_effect=[None, OSError("No space left on device")]),
            mute_logger("odoo.addons.moffice_admin.models.moffice_backup"),
        ):
            cut = Backup._run("manual")
        self.assertEqual(cut.result, "failed")
        self.assertEqual(sorted(self.directory.glob("*.tar")), [Path(good.path)])
        self.assertTrue(good.is_kept)
        self.assertFalse(list(self.directory.glob("*.part")))

    def test_monthly_backup_and_warnings(self):
        Backup = self.env["moffice.backup"]
        earlier = Backup.search([])
        Backup._cron_daily()
        Backup._cron_daily()
        scheduled = Backup.search([("kind", "=", "scheduled")]) - earlier
        self.assertEqual(scheduled.mapped("result"), ["done"])
        self.assertFalse(Backup._warn())

        (self.directory / "blocked").write_text("not a directory")
        self.env["ir.config_parameter"].set_param("moffice_admin.backup_directory", str(self.directory / "blocked"))
        with mute_logger("odoo.addons.moffice_admin.models.moffice_backup"):
            failed = Backup._run("manual")
        self.assertEqual(failed.result, "failed")
        messages = self.env["mail.message"].search([("subject", "=", "M-Office: backups need attention")])
        self.assertTrue(Backup._warn())
        new = self.env["mail.message"].search([("subject", "=", "M-Office: backups need attention")]) - messages
        self.assertIn(self.system_admin.partner_id, new.partner_ids)
        self.assertNotIn(self.leader.partner_id, new.partner_ids)

    def test_restore_into_a_new_database_is_verified(self):
        """Decree 30, IV-e: the archive restored into a new database equals
        the source; a difference in rows or files would be reported."""
        archive = self.env["moffice.backup"]._run("manual").path
        target = f"{self.env.cr.dbname}_restore_test"
        self._drop(target)
        self.addCleanup(self._drop, target)
        report, identical = backup_tools.restore(archive, target)
        self.assertTrue(identical, "\n".join(report))
        self.assertEqual(report[-1], "result: identical to the source at backup time")
        with self.assertRaises(backup_tools.RestoreRefused):
            backup_tools.restore(archive, target)

        manifest = backup_tools.check_archive(archive)
        filestore = Path(odoo.tools.config.filestore(target))
        with closing(db_connect(target).cursor()) as cr:
            cr.execute("DELETE FROM moffice_register WHERE id = (SELECT min(id) FROM moffice_register)")
            facts = backup_tools.read_facts(cr)
        self.assertTrue(manifest["files"])
        changed = next(iter(manifest["files"]))
        (filestore / changed).write_bytes(b"altered")
        differences = backup_tools.compare(manifest, facts, filestore)
        self.assertIn(
            f"table moffice_register: {manifest['tables']['moffice_register'] - 1} rows, "
            f"{manifest['tables']['moffice_register']} at backup",
            differences,
        )
        self.assertIn(f"file {changed}: its content differs", differences)
