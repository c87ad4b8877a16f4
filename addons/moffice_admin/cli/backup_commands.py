"""``python3 -m odoo moffice-backup`` and ``python3 -m odoo moffice-restore``:
back a database up, restore an archive into a new database and verify it,
from the command line (Odoo's options, e.g. --db_host, follow the command's)."""

import argparse
import sys

import odoo
from odoo.cli.command import Command

from ..tools import backup as backup_tools


def _parse(command, description, arguments, args, optional=()):
    """The command's own options; the rest are Odoo's (-d: the database)."""
    parser = argparse.ArgumentParser(prog=f"odoo {command}", description=description)
    for name, help_text in arguments:
        parser.add_argument(name, required=True, help=help_text)
    for name, help_text in optional:
        parser.add_argument(name, help=help_text)
    known, odoo_args = parser.parse_known_args(args)
    odoo.tools.config.parse_config(odoo_args)
    if not odoo.tools.config["db_name"]:
        parser.error("name the database with -d")
    known.database = odoo.tools.config["db_name"]
    return known


class MofficeBackup(Command):
    """Back an M-Office database up (archive, checksum, recorded run)"""

    name = "moffice-backup"

    def run(self, args):
        options = _parse(
            self.name,
            self.__doc__,
            [],
            args,
            [("--directory", "where to write the archive (default: the configured backup directory)")],
        )
        registry = odoo.modules.registry.Registry(options.database)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            record = env["moffice.backup"].with_context(moffice_backup_directory=options.directory)._run("manual")
            sys.stdout.write(f"backup {record.result}: {record.path or record.message}" + "\n")
            sys.stdout.write(f"size {record.size:.1f} MiB, sha256 {record.checksum}, {record.duration:.1f} s" + "\n")
            done = record.result == "done"
        sys.exit(0 if done else 1)


class MofficeRestore(Command):
    """Restore an M-Office backup archive into a new database and verify it"""

    name = "moffice-restore"

    def run(self, args):
        options = _parse(
            self.name,
            self.__doc__,
            [("--archive", "the backup archive (.tar, its .sha256 beside it); -d names the new database")],
            args,
        )
        try:
            report, identical = backup_tools.restore(options.archive, options.database)
        except backup_tools.RestoreRefused as refusal:
            sys.stdout.write(f"restore refused: {refusal}" + "\n")
            sys.exit(2)
        sys.stdout.write("\n".join(report) + "\n")
        sys.exit(0 if identical else 1)
