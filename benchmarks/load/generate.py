"""Five years of a department for the load test, in bulk.

On the department of the access benchmark (bench_access.py: 200 people in
their roles across 8 units, documents of every kind and state in their
registers, inserted in SQL), adds what a working day touches: a system
administrator, everyone's password, the files of the documents (a PDF for
each open document and a quarter of the others, one file in the filestore
as Odoo keeps identical files once), the recipients of drafted documents,
100,000 tasks (given by leaders and unit heads to specialists, of every
state, the open ones due in the coming weeks or locked after their
deadline), requests for extensions, archive files and news. Access tables
are rebuilt and the database analysed, as on a live server.
"""

import contextlib
import hashlib
import time
from pathlib import Path

from bench_access import department_database, vacuum_analyze
from driver import PASSWORD, PDF

DOCUMENTS, TASKS = 60000, 100000
OPEN_DOCUMENT_STATES = ("draft", "registered", "consulting", "submitted", "returned", "approved", "routed")

INSERT_TASKS = """
INSERT INTO moffice_task (id, name, giver_id, user_id, unit_id, date_deadline, priority, state, is_locked,
                          date_locked, date_done, company_id, create_uid, write_uid, create_date, write_date)
SELECT id, name, giver, assignee, unit, deadline, priority, state,
       state = 'assigned' AND deadline < now() AT TIME ZONE 'UTC',
       CASE WHEN state = 'assigned' AND deadline < now() AT TIME ZONE 'UTC' THEN deadline END,
       CASE WHEN state = 'done' THEN deadline - interval '1 day' * floor(r_late * 3) END,
       %(company)s, giver, giver, deadline - interval '10 days', deadline - interval '10 days'
FROM (
    SELECT r.*, (%(spec)s::int[])[1 + floor(r_user * %(n_spec)s)::int] AS assignee,
           (%(spec_units)s::int[])[1 + floor(r_user * %(n_spec)s)::int] AS unit,
           (%(givers)s::int[])[1 + floor(r_giver * %(n_givers)s)::int] AS giver,
           CASE WHEN state IN ('draft', 'assigned', 'submitted')
                THEN now() AT TIME ZONE 'UTC'
                     + CASE WHEN r_late < 0.7 THEN interval '1 day' + r_time * interval '30 days'
                            ELSE - r_time * interval '20 days' END
                ELSE now() AT TIME ZONE 'UTC' - interval '30 days' - r_time * interval '1800 days' END AS deadline,
           (%(terms)s::text[])[1 + floor(r_time * 997 * %(n_terms)s)::int %% %(n_terms)s] || ' '
           || (%(terms)s::text[])[1 + floor(r_user * 991 * %(n_terms)s)::int %% %(n_terms)s] AS name
    FROM (
        SELECT %(first_id)s + n AS id, random() AS r_user, random() AS r_giver, random() AS r_time,
               random() AS r_late,
               CASE WHEN random() < 0.9 THEN '0' ELSE '2' END AS priority,
               (ARRAY['done', 'done', 'done', 'done', 'done', 'done', 'done', 'done', 'done', 'done', 'done',
                      'done', 'done', 'done', 'done', 'done', 'cancelled', 'assigned', 'assigned',
                      'submitted'])[1 + floor(random() * 20)::int] AS state
        FROM generate_series(0, %(count)s - 1) AS n
    ) r
) t
"""


def store_pdf(odoo, dbname):
    """The PDF in the filestore, as Odoo stores it (by its SHA-1); (path, checksum)."""
    checksum = hashlib.sha1(PDF).hexdigest()  # noqa: S324 - Odoo's filestore key
    fname = f"{checksum[:2]}/{checksum}"
    path = Path(odoo.tools.config.filestore(dbname)) / fname
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PDF)
    return fname, checksum


def add_working_day(odoo, registry, setup, dbname, tasks):
    """Everything beyond the documents that the load test's people touch."""
    params = dict(setup["sql"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        begin = time.perf_counter()
        env.company.moffice_organ_id = "000.00.31.H42"
        admin = env["res.users"].browse(params["spec"][0])
        admin.groups_id = [(4, env.ref("moffice_documents.group_moffice_system_admin").id)]
        cr.execute(
            "UPDATE res_users SET password = %s WHERE login LIKE 'bench\\_%%'",
            [env["res.users"]._crypt_context().hash(PASSWORD)],
        )
        fname, checksum = store_pdf(odoo, dbname)
        cr.execute(
            """WITH files AS (
                   INSERT INTO ir_attachment (name, res_model, res_id, type, store_fname, checksum, mimetype,
                                              file_size, company_id, moffice_ocr_state, create_uid, write_uid,
                                              create_date, write_date)
                   SELECT 'van-ban-' || d.id || '.pdf', 'moffice.document', d.id, 'binary', %(fname)s, %(checksum)s,
                          'application/pdf', %(size)s, d.company_id, 'not_needed', d.create_uid, d.create_uid,
                          d.create_date, d.create_date
                     FROM moffice_document d
                    WHERE d.state IN %(open)s OR d.id %% 4 = 0
                   RETURNING id, res_id)
               INSERT INTO moffice_document_attachment_rel (document_id, attachment_id) SELECT res_id, id FROM files""",
            {"fname": fname, "checksum": checksum, "size": len(PDF), "open": OPEN_DOCUMENT_STATES},
        )
        attachments = cr.rowcount
        cr.execute(
            """INSERT INTO moffice_document_recipient_rel (document_id, partner_id)
               SELECT d.id, (%(issuers)s::int[])[1 + d.id %% %(n_issuers)s] FROM moffice_document d
                WHERE d.kind IN ('outgoing', 'draft', 'decision') ON CONFLICT DO NOTHING""",
            params,
        )
        print(f"  {attachments} files of documents and their recipients in {time.perf_counter() - begin:.0f} s")

        begin = time.perf_counter()
        givers = params["leaders"] + params["lead_heads"]
        cr.execute("SELECT coalesce(max(id), 0) + 1 FROM moffice_task")
        cr.execute(
            INSERT_TASKS,
            dict(params, first_id=cr.fetchone()[0], count=tasks, givers=givers, n_givers=len(givers)),
        )
        print(f"  {cr.rowcount} tasks inserted in {time.perf_counter() - begin:.0f} s", flush=True)
        cr.execute("SELECT setval('moffice_task_id_seq', (SELECT max(id) FROM moffice_task))")
        # extensions asked of the leaders on a tenth of the open tasks, due in the coming weeks
        cr.execute(
            """INSERT INTO moffice_task_extension (task_id, requested_by_id, leader_id, reason, date_proposed, state,
                                                   create_uid, write_uid, create_date, write_date)
               SELECT t.id, t.user_id, (%(leaders)s::int[])[1 + t.id %% %(n_leaders)s],
                      'Chờ ý kiến của các đơn vị phối hợp.', now() AT TIME ZONE 'UTC' + interval '20 days',
                      'requested', t.user_id, t.user_id, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                 FROM moffice_task t WHERE t.state = 'assigned' AND t.id %% 10 = 0""",
            params,
        )
        extensions = cr.rowcount
        cr.execute("SELECT id FROM moffice_archive_retention ORDER BY id LIMIT 1")
        retention = cr.fetchone()[0]
        # files: 20 a year for each unit over five years, kept by one of its specialists
        cr.execute(
            """INSERT INTO moffice_archive_file (name, notation, code, year, retention_id, user_id, department_id,
                                                 company_id, rights, language, state, warning_stage, date_start,
                                                 create_uid, write_uid, create_date, write_date)
               SELECT 'Hồ sơ ' || (%(terms)s::text[])[1 + (n * 7) %% %(n_terms)s] || ' năm ' || y,
                      lpad(n::text, 2, '0') || '.' || (%(unit_codes)s::text[])[1 + u], NULL, y, %(retention)s,
                      (%(spec)s::int[])[1 + (n * 13 + u) %% %(n_spec)s], (%(all_units)s::int[])[1 + u],
                      %(company)s, 'public', 'Tiếng Việt', CASE WHEN y < extract(year FROM now()) THEN 'closed'
                      ELSE 'open' END, 'none', make_date(y, 1, 2), 1, 1, now(), now()
                 FROM generate_series(extract(year FROM now())::int - 4, extract(year FROM now())::int) AS y,
                      generate_series(1, 7) AS u, generate_series(1, 20) AS n""",
            dict(params, retention=retention),
        )
        files = cr.rowcount
        cr.execute(
            """INSERT INTO moffice_news (name, summary, audience, state, date_publish, author_id, company_id,
                                         is_announcement, create_uid, write_uid, create_date, write_date)
               SELECT 'Thông báo ' || (%(terms)s::text[])[1 + n %% %(n_terms)s] || ' số ' || n,
                      'Văn phòng Sở thông báo tới toàn thể cán bộ, công chức.', 'everyone', 'published',
                      now() AT TIME ZONE 'UTC' - n * interval '1 day', (%(leaders)s::int[])[1 + n %% %(n_leaders)s],
                      %(company)s, n %% 10 = 0, 1, 1, now(), now()
                 FROM generate_series(1, 600) AS n""",
            params,
        )
        print(f"  {extensions} extensions asked, {files} archive files, {cr.rowcount} news", flush=True)
        cr.commit()
        begin = time.perf_counter()
        for model in env["moffice.access.mixin"]._access_models():
            if model._name != "moffice.document":
                model._access_rebuild()
        cr.commit()
        print(f"  access tables of the other models rebuilt in {time.perf_counter() - begin:.0f} s", flush=True)
    vacuum_analyze(odoo, dbname)


@contextlib.contextmanager
def generated_database(documents=DOCUMENTS, tasks=TASKS, seed=2026):
    """The department's database in a throw-away PostgreSQL (context manager
    of bench_access.department_database); yields (odoo, registry, dbname)."""
    modules = "moffice_documents,moffice_tasks,moffice_sms,moffice_archive,moffice_iso,moffice_admin,moffice_office"
    with department_database(documents, seed, modules) as (odoo, registry, setup):
        begin = time.perf_counter()
        add_working_day(odoo, registry, setup, registry.db_name, tasks)
        print(f"working day's data added in {time.perf_counter() - begin:.0f} s", flush=True)
        yield odoo, registry, registry.db_name
