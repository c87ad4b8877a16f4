"""Backups that are restored (Article 5.1; Decree 30, VI-III-5g, IV-e).

An archive is one uncompressed tar file holding the database dump
(``pg_dump`` custom format), the filestore, and ``manifest.json``: the row
count of every table, the register numbers of every register and the
checksum of every attached file, all read in the very snapshot the dump is
taken from. Beside it, ``<archive>.sha256`` holds the archive's checksum.
``restore`` refuses an archive whose checksum differs, restores it into a new
database with its filestore, and compares the restored database with the
manifest. No database-manager web page is involved.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

import odoo
from odoo.tools import SQL
from odoo.tools.misc import exec_pg_environ, find_pg_tool

MANIFEST = "manifest.json"
DUMP = "database.dump"
FILESTORE = "filestore"
CHUNK = 1 << 20


class RestoreRefused(Exception):
    """The archive cannot be trusted or restored: nothing was changed."""


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha1_of(path):
    digest = hashlib.sha1()  # noqa: S324 - the checksum Odoo gives every attachment
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_facts(cr):
    """What a restored database must show again: row counts of the tables,
    register numbers, attachment checksums."""
    cr.execute(
        "SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY relname"
    )
    tables = [name for (name,) in cr.fetchall()]
    counts = {}
    for table in tables:
        cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
        counts[table] = cr.fetchone()[0]
    registers = {}
    if "moffice_document" in counts:
        cr.execute(
            """SELECT register_id, register_year, count(*), max(register_number) FROM moffice_document
                WHERE register_number > 0 GROUP BY 1, 2 ORDER BY 1, 2"""
        )
        registers = {f"{register}/{year}": [count, last] for register, year, count, last in cr.fetchall()}
    cr.execute("SELECT store_fname, checksum FROM ir_attachment WHERE store_fname IS NOT NULL ORDER BY 1")
    files = dict(cr.fetchall())
    cr.execute("SELECT extname FROM pg_extension ORDER BY 1")
    extensions = [name for (name,) in cr.fetchall()]
    cr.execute("SELECT provolatile FROM pg_proc WHERE proname = 'unaccent' AND pronargs = 1")
    immutable_unaccent = any(volatile == "i" for (volatile,) in cr.fetchall())
    return {
        "tables": counts,
        "registers": registers,
        "files": files,
        "extensions": extensions,
        "immutable_unaccent": immutable_unaccent,
    }


def backup(dbname, directory, keep=None):
    """Write the archive of ``dbname`` into ``directory`` and keep only the
    last ``keep`` archives there. Returns its path, size, checksum, duration
    and the manifest's summary."""
    started = time.monotonic()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    # to the microsecond: two backups never share a name
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = directory / f"{dbname}-{stamp}.tar"
    filestore = Path(odoo.tools.config.filestore(dbname))
    with tempfile.TemporaryDirectory(prefix="moffice-backup-") as work:
        dump = Path(work) / DUMP
        with closing(odoo.sql_db.db_connect(dbname).cursor()) as cr:
            # the facts and the dump read one snapshot
            cr.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cr.execute("SELECT pg_export_snapshot()")
            snapshot = cr.fetchone()[0]
            facts = read_facts(cr)
            subprocess.run(
                [
                    find_pg_tool("pg_dump"),
                    "--format=c",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    f"--file={dump}",
                    dbname,
                ],
                env=exec_pg_environ(),
                check=True,
                capture_output=True,
            )
        manifest = {"database": dbname, "date": stamp, "odoo": odoo.release.version, **facts}
        (Path(work) / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        # Written under another name and renamed once complete: a backup
        # cut short leaves no archive that looks whole, nor one that would
        # push a good one out of the kept ones (a killed process leaves its
        # ``.part``; an error removes it).
        partial = path.with_name(f"{path.name}.part")
        try:
            with tarfile.open(partial, "w") as archive:
                archive.add(Path(work) / MANIFEST, MANIFEST)
                archive.add(dump, DUMP)
                for store_fname in facts["files"]:
                    source = filestore / store_fname
                    if source.is_file():
                        archive.add(source, f"{FILESTORE}/{store_fname}")
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.rename(path)
    checksum = sha256_of(path)
    Path(f"{path}.sha256").write_text(f"{checksum}  {path.name}\n", encoding="utf-8")
    if keep:
        archives = sorted(directory.glob(f"{dbname}-*.tar"), key=lambda item: item.name)
        for old in archives[: max(len(archives) - keep, 0)]:
            old.unlink()
            Path(f"{old}.sha256").unlink(missing_ok=True)
    return {
        "path": str(path),
        "size": path.stat().st_size,
        "checksum": checksum,
        "duration": time.monotonic() - started,
        "tables": len(facts["tables"]),
        "rows": sum(facts["tables"].values()),
        "files": len(facts["files"]),
    }


def check_archive(path):
    """The archive's manifest, once its checksum matches the one written
    beside it; otherwise ``RestoreRefused``."""
    path = Path(path)
    sidecar = Path(f"{path}.sha256")
    if not path.is_file():
        raise RestoreRefused(f"{path}: no such archive")
    if not sidecar.is_file():
        raise RestoreRefused(f"{path}: its checksum file {sidecar.name} is missing")
    expected = sidecar.read_text(encoding="utf-8").split()[0]
    actual = sha256_of(path)
    if actual != expected:
        raise RestoreRefused(f"{path}: checksum {actual} differs from {expected}: the archive is damaged")
    try:
        with tarfile.open(path) as archive:
            return json.load(archive.extractfile(MANIFEST))
    except (tarfile.TarError, KeyError, ValueError) as error:
        raise RestoreRefused(f"{path}: not a backup archive ({error})") from error


def _create_database(dbname, manifest):
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
        if cr.fetchone():
            raise RestoreRefused(f"the database {dbname} already exists: restore into a new one")
        cr.rollback()
        cr._cnx.autocommit = True
        cr.execute(SQL("CREATE DATABASE %s ENCODING 'unicode' TEMPLATE template0", SQL.identifier(dbname)))
    with closing(odoo.sql_db.db_connect(dbname).cursor()) as cr:
        for extension in manifest["extensions"]:
            cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS %s", SQL.identifier(extension)))
        if manifest["immutable_unaccent"]:
            cr.execute("ALTER FUNCTION unaccent(text) IMMUTABLE")
        cr.commit()  # pylint: disable=invalid-commit


def compare(manifest, facts, filestore):
    """The differences between the source (``manifest``) and the restored
    database (``facts``) and filestore: a list of lines, empty if identical."""
    differences = []
    for table, count in manifest["tables"].items():
        if facts["tables"].get(table) != count:
            differences.append(f"table {table}: {facts['tables'].get(table)} rows, {count} at backup")
    differences += [f"table {table}: not in the source" for table in set(facts["tables"]) - set(manifest["tables"])]
    if facts["registers"] != manifest["registers"]:
        differences.append(f"register numbers: {facts['registers']} instead of {manifest['registers']}")
    for store_fname, checksum in manifest["files"].items():
        path = Path(filestore) / store_fname
        if facts["files"].get(store_fname) != checksum:
            differences.append(f"file {store_fname}: recorded checksum differs")
        elif not path.is_file():
            differences.append(f"file {store_fname}: missing")
        elif sha1_of(path) != checksum:
            differences.append(f"file {store_fname}: its content differs")
    return differences


def restore(path, dbname):
    """Restore the archive at ``path`` into the new database ``dbname`` and
    verify it. Returns the report (lines) and whether it is identical."""
    manifest = check_archive(path)
    filestore = Path(odoo.tools.config.filestore(dbname))
    if filestore.exists():
        raise RestoreRefused(f"the filestore {filestore} already exists: restore into a new database")
    started = time.monotonic()
    _create_database(dbname, manifest)
    with tempfile.TemporaryDirectory(prefix="moffice-restore-") as work, tarfile.open(path) as archive:
        members = [
            member
            for member in archive.getmembers()
            if member.isfile() and (member.name in (DUMP, MANIFEST) or member.name.startswith(f"{FILESTORE}/"))
        ]
        archive.extractall(work, members=members, filter="data")
        result = subprocess.run(
            [find_pg_tool("pg_restore"), "--no-owner", f"--dbname={dbname}", os.path.join(work, DUMP)],
            env=exec_pg_environ(),
            capture_output=True,
            text=True,
        )
        errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
        if os.path.isdir(os.path.join(work, FILESTORE)):
            filestore.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(os.path.join(work, FILESTORE), filestore)
    with closing(odoo.sql_db.db_connect(dbname).cursor()) as cr:
        facts = read_facts(cr)
    differences = errors + compare(manifest, facts, filestore)
    report = [
        f"Restore of {Path(path).name} into {dbname}",
        f"backup of {manifest['database']} taken {manifest['date']} (Odoo {manifest['odoo']})",
        f"archive checksum: verified (sha256 {sha256_of(path)})",
        f"tables: {len(facts['tables'])}, rows: {sum(facts['tables'].values())} "
        f"(at backup: {len(manifest['tables'])}, {sum(manifest['tables'].values())})",
        f"registers: {len(facts['registers'])} register-years, numbers "
        + ("identical" if facts["registers"] == manifest["registers"] else "DIFFERENT"),
        f"attached files: {len(manifest['files'])} checked against their checksums",
        f"duration: {time.monotonic() - started:.1f} s",
    ]
    report += [f"DIFFERENCE: {line}" for line in differences]
    report.append("result: identical to the source at backup time" if not differences else "result: DIFFERENT")
    return report, not differences
