"""The system test of backups (Article 5.1; Decree 30, VI-III-5g, IV-e): back
the demo database up with the command line, restore it into a new database
and compare (the report must say identical); then corrupt one byte of a copy
of the archive and check the restore refuses it."""

import tempfile
from pathlib import Path

TITLE = "backup of the demo database, restore and comparison"


def run(ctx):
    db = ctx.db
    with tempfile.TemporaryDirectory(prefix="moffice-backup-test-") as work:
        work = Path(work)
        # an addon's command comes right after --addons-path (Odoo's CLI)
        backup = [ctx.common[0], "moffice-backup", *ctx.common[1:], f"--directory={work}"]
        code, lines = ctx.run_odoo(db, backup, work / "backup.log")
        archives = sorted(work.glob("*.tar"))
        if code != 0 or not archives:
            print(f"[tests/run] backup FAILED (exit {code})")
            return False
        restore = [
            ctx.common[0],
            "moffice-restore",
            *ctx.common[1:],
            f"--data-dir={work / 'data'}",
            f"--archive={archives[0]}",
        ]
        code, lines = ctx.run_odoo(f"{db}_restored", restore, work / "restore.log")
        identical = code == 0 and any("result: identical" in line for line in lines)
        corrupt = work / "corrupt" / archives[0].name
        corrupt.parent.mkdir()
        data = bytearray(archives[0].read_bytes())
        data[len(data) // 2] ^= 0xFF
        corrupt.write_bytes(bytes(data))
        Path(f"{corrupt}.sha256").write_text(Path(f"{archives[0]}.sha256").read_text())
        code, lines = ctx.run_odoo(f"{db}_corrupt", [*restore[:-1], f"--archive={corrupt}"], work / "corrupt.log")
        refused = code == 2 and any("restore refused" in line for line in lines)
    print(f"[tests/run] backup restored identical: {identical}; corrupted archive refused: {refused}")
    return identical and refused
