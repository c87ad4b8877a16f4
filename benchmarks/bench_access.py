#!/usr/bin/env python3
"""Benchmark of the record rules of documents: what each role waits for.

Starts a throw-away PostgreSQL, installs moffice_documents without demo data,
builds a department through the ORM (about 200 users in their roles, with
their employees in 8 units each headed by a user, 20 work groups, issuing
bodies), then inserts N documents in bulk with SQL (kinds, states, numbers,
handlers, co-handlers, readers, work-group grants and comments consistent
with the flows; about 1 % of them visible to the measured specialist and
about 1 % to the measured unit head), runs VACUUM ANALYZE, and, when the
document model keeps an access table (``_access_rebuild``), rebuilds it.

Then, as each role with its record rules (clerk, leader = document
administrator, specialist, unit head = a specialist heading a unit,
custodian), repeats R times and prints the median and 95th percentile of:

a. opening the documents list as the web client does (web_search_read of
   the list view's fields, 80 rows, counted up to 10,001);
b. a search by two words of the summary (ilike), 80 rows and the count;
c. a search by number and symbol (ilike on an existing reference that the
   role can see), 80 rows and the count;

with the number of documents each role sees, and the specialist / clerk
ratio of the list's 95th percentile. With --explain, also prints EXPLAIN
ANALYZE of the SQL queries that the list and a summary search run, for each
role.

Usage: python3 benchmarks/bench_access.py [--documents 1000000] [--repeat 50]
       [--explain] [--seed 2026]
"""

import argparse
import contextlib
import random
import statistics
import time

import psycopg2
from common import bench_registry
from list_views import DOCUMENT_LIST

AGENCY = "SKHCN"
# Two-word terms of the summaries: a search by two words of the summary is
# one of them, as a clerk or a specialist would type it.
TERMS = (
    "báo cáo",
    "kế hoạch",
    "đề tài",
    "nhiệm vụ",
    "khoa học",
    "công nghệ",
    "chuyển đổi",
    "thẩm định",
    "nghiệm thu",
    "kinh phí",
    "đo lường",
    "chất lượng",
    "sở hữu",
    "trí tuệ",
    "an toàn",
    "bức xạ",
    "hội đồng",
    "tư vấn",
    "quyết định",
    "thành lập",
    "triển khai",
    "thực hiện",
    "hướng dẫn",
    "tổng kết",
    "đánh giá",
    "tiêu chuẩn",
    "quy chuẩn",
    "kiểm tra",
    "thanh tra",
    "giám sát",
    "dự toán",
    "ngân sách",
    "đề xuất",
    "phê duyệt",
    "điều chỉnh",
    "bổ sung",
    "chương trình",
    "hợp tác",
    "doanh nghiệp",
    "khởi nghiệp",
    "đổi mới",
    "sáng tạo",
    "ứng dụng",
    "chuyển giao",
    "thí nghiệm",
    "cơ sở",
    "dữ liệu",
    "phần mềm",
    "hạ tầng",
    "thông tin",
    "truyền thông",
    "nông thôn",
    "nông nghiệp",
    "môi trường",
    "tài nguyên",
    "năng lượng",
    "hạt nhân",
    "sáng kiến",
    "giải thưởng",
    "thi đua",
    "khen thưởng",
    "cán bộ",
    "công chức",
    "đào tạo",
    "bồi dưỡng",
    "hội nghị",
    "hội thảo",
    "tập huấn",
    "mã số",
    "mã vạch",
    "truy xuất",
    "nguồn gốc",
    "sản phẩm",
    "hàng hóa",
    "nhãn hiệu",
    "chỉ dẫn",
    "địa lý",
    "thiết bị",
    "phương tiện",
    "số liệu",
)
ISSUERS = (
    "UBND",
    "BKHCN",
    "STC",
    "SKHĐT",
    "STTTT",
    "SNV",
    "SYT",
    "SGDĐT",
    "SXD",
    "SGTVT",
    "STNMT",
    "SNNPTNT",
    "SLĐTBXH",
    "SVHTTDL",
    "SCT",
    "STP",
    "BTC",
    "BNV",
    "VPCP",
    "TTCP",
    "HĐND",
    "TU",
    "CAT",
    "BCHQS",
)
SUFFIXES = ("VP", "VX", "KT", "NC", "TH", "KGVX", "KHTC", "QLKH", "TĐC", "CN", "PC", "TCCB")
# (name, abbreviation, unit type); the first is the board, headed by the director.
UNITS = (
    ("Ban Giám đốc", "BGĐ", "board"),
    ("Văn phòng Sở", "VP", "office"),
    ("Phòng Kế hoạch - Tài chính", "KHTC", "division"),
    ("Phòng Quản lý khoa học", "QLKH", "division"),
    ("Phòng Quản lý công nghệ và Thị trường công nghệ", "QLCN", "division"),
    ("Chi cục Tiêu chuẩn Đo lường Chất lượng", "TĐC", "affiliated"),
    ("Thanh tra Sở", "TTr", "division"),
    ("Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "TTUD", "affiliated"),
)
MEASURED_HEAD_UNIT = 3  # Phòng Quản lý khoa học: its head is the measured unit head
MEASURED_SPECIALIST_UNIT = 4  # the measured specialist works in Phòng Quản lý công nghệ
LEADERS, CLERKS, USERS, WORK_GROUPS = 4, 2, 200, 20
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
GIVEN = (
    "Văn An",
    "Thị Bình",
    "Minh Châu",
    "Quốc Dũng",
    "Thu Hà",
    "Đức Hải",
    "Thanh Hương",
    "Văn Khoa",
    "Thị Lan",
    "Hoàng Long",
    "Thị Mai",
    "Văn Nam",
    "Hữu Phúc",
    "Thị Quyên",
    "Công Sơn",
    "Thị Thảo",
)

# The share of the documents the measured specialist sees, per reason.
SPECIALIST_SHARES = {
    "owner": 0.0010,
    "lead": 0.0025,
    "cohandler": 0.0015,
    "info": 0.0010,
    "reader": 0.0010,
    "comment": 0.0010,
}
# (work-group grants: 3 % of the documents to one of 20 groups, the specialist is in one: 0.15 %)
HEAD_SHARES = {"unit": 0.0080, "owner": 0.0015}


INSERT_DOCUMENTS = """
INSERT INTO moffice_document (
    id, kind, state, summary, reference, register_id, register_number, register_year, document_type_id,
    date_document, date_registered, issuer_id, signer_id, page_count, copy_count, owner_id, department_id,
    holder_id, leader_id, lead_user_id, lead_department_id, date_deadline, date_routed, routed_by_id, result,
    date_done, target_kind, note_type, urgency, confidentiality, channel, is_notable, cancel_reason,
    date_cancelled, company_id, active, create_uid, write_uid, create_date, write_date)
SELECT id, kind, state, summary,
       CASE WHEN kind = 'incoming' THEN incoming_reference
            WHEN numbered AND register_id = %(register_letter)s
                THEN lpad(number::text, greatest(length(number::text), 2), '0')
                     || '/' || %(agency)s || '-' || unit_code
            WHEN numbered AND kind = 'internal'
                THEN lpad(number::text, greatest(length(number::text), 2), '0')
                     || '/' || type_abbr || '-' || unit_code
            WHEN numbered
                THEN lpad(number::text, greatest(length(number::text), 2), '0')
                     || '/' || type_abbr || '-' || %(agency)s
       END,
       CASE WHEN numbered THEN register_id END,
       CASE WHEN numbered THEN number END,
       CASE WHEN numbered THEN extract(year FROM moment)::int END,
       document_type_id,
       CASE WHEN kind = 'incoming' THEN moment::date - floor(r_misc * 8)::int
            WHEN numbered OR state = 'issued' THEN moment::date END,
       CASE WHEN numbered OR state = 'issued' THEN moment END,
       CASE WHEN kind = 'incoming' THEN issuer_id END,
       CASE WHEN state = 'released' THEN leader END,
       1 + floor(r_misc * 20)::int, 1, owner_id, department_id,
       CASE state WHEN 'registered' THEN owner_id WHEN 'submitted' THEN leader
                  WHEN 'routed' THEN coalesce(lead_user_id, lead_head)
                  WHEN 'draft' THEN owner_id WHEN 'consulting' THEN owner_id WHEN 'returned' THEN owner_id END,
       CASE WHEN kind <> 'note' AND state NOT IN ('draft', 'registered', 'consulting') THEN leader END,
       lead_user_id, lead_department_id,
       CASE WHEN routed THEN moment::date + 5 + floor(r_misc * 25)::int
            WHEN state IN ('consulting', 'submitted') THEN moment::date + 10 END,
       CASE WHEN routed THEN moment + interval '1 day' END,
       CASE WHEN routed THEN leader END,
       CASE WHEN kind = 'incoming' AND state = 'done' THEN 'Đã xử lý, báo cáo lãnh đạo Sở.' END,
       CASE WHEN kind = 'incoming' AND state = 'done' THEN moment + interval '4 days' END,
       CASE WHEN kind = 'draft' THEN 'outgoing' END,
       CASE WHEN kind = 'note' THEN CASE WHEN owner_is_leader THEN 'direction' ELSE 'opinion' END END,
       CASE WHEN r_urgency < 0.85 THEN 'normal' WHEN r_urgency < 0.95 THEN 'urgent'
            WHEN r_urgency < 0.99 THEN 'very_urgent' ELSE 'flash' END,
       CASE WHEN r_conf < 0.97 THEN 'normal' WHEN r_conf < 0.995 THEN 'confidential' ELSE 'secret' END,
       CASE WHEN kind <> 'incoming' THEN NULL WHEN r_misc < 0.4 THEN 'paper' WHEN r_misc < 0.7 THEN 'email'
            ELSE 'exchange' END,
       r_urgency > 0.99,
       CASE WHEN state = 'cancelled' THEN 'Văn bản gửi nhầm, cơ quan ban hành đã thu hồi.' END,
       CASE WHEN state = 'cancelled' THEN moment + interval '2 days' END,
       %(company)s, true, owner_id, owner_id, moment, moment
FROM (
    SELECT s.*, row_number() OVER (PARTITION BY register_id, extract(year FROM moment) ORDER BY moment, id) AS number
    FROM (
        SELECT o.*,
               (kind = 'incoming' OR state = 'released') AS numbered,
               CASE kind WHEN 'incoming' THEN %(register_incoming)s
                         WHEN 'outgoing' THEN CASE WHEN document_type_id = %(type_out_letter)s
                                                   THEN %(register_letter)s ELSE %(register_outgoing)s END
                         WHEN 'decision' THEN %(register_decision)s
                         WHEN 'internal' THEN %(register_internal)s END AS register_id,
               (%(type_abbr)s::text[])[document_type_id] AS type_abbr,
               CASE WHEN owner_is_leader THEN %(board_unit)s WHEN kind = 'incoming' THEN lead_department_id
                    ELSE (%(spec_units)s::int[])[spec_index] END AS department_id,
               (%(unit_codes)s::text[])[array_position(%(all_units)s::int[],
                    (%(spec_units)s::int[])[spec_index])] AS unit_code,
               (1 + floor(r_number * 3000)::int) || '/' || (%(issuer_codes)s::text[])[issuer_index] || '-'
                   || (%(suffixes)s::text[])[1 + floor(r_misc * %(n_suffixes)s)::int] AS incoming_reference,
               (%(issuers)s::int[])[issuer_index] AS issuer_id
        FROM (
            SELECT t.*,
                   now() AT TIME ZONE 'UTC' - CASE
                       WHEN state IN ('draft', 'registered', 'consulting', 'submitted', 'returned', 'approved',
                                      'routed')
                       THEN r_time * interval '90 days'
                       ELSE interval '2 days' + r_time * interval '1824 days' END AS moment,
                   1 + floor(r_owner * %(n_spec)s)::int AS spec_index,
                   1 + floor(r_issuer * %(n_issuers)s)::int AS issuer_index,
                   (kind = 'note' AND r_lead < 0.5) AS owner_is_leader,
                   CASE WHEN kind = 'incoming' THEN (%(clerks)s::int[])[1 + floor(r_misc * %(n_clerks)s)::int]
                        WHEN kind = 'note' AND r_lead < 0.5
                        THEN (%(leaders)s::int[])[1 + floor(r_misc * %(n_leaders)s)::int]
                        ELSE (%(spec)s::int[])[1 + floor(r_owner * %(n_spec)s)::int] END AS owner_id,
                   (%(leaders)s::int[])[1 + floor(r_leader * %(n_leaders)s)::int] AS leader,
                   CASE WHEN routed AND r_lead >= 0.45
                        THEN (%(spec)s::int[])[1 + floor(r_handler * %(n_spec)s)::int] END AS lead_user_id,
                   CASE WHEN routed AND r_lead < 0.45
                        THEN (%(lead_units)s::int[])[1 + floor(r_handler * %(n_lead_units)s)::int]
                   END AS lead_department_id,
                   CASE WHEN routed AND r_lead < 0.45
                        THEN (%(lead_heads)s::int[])[1 + floor(r_handler * %(n_lead_units)s)::int] END AS lead_head,
                   CASE kind
                       WHEN 'incoming' THEN CASE WHEN r_type < 0.5 THEN %(type_in_letter)s
                           ELSE (%(types_in)s::int[])[1 + floor((r_type - 0.5) * 2 * %(n_types_in)s)::int] END
                       WHEN 'decision' THEN (%(types_decision)s::int[])[1 + floor(r_type * %(n_types_decision)s)::int]
                       WHEN 'note' THEN NULL
                       WHEN 'internal' THEN (%(types_out)s::int[])[1 + floor(r_type * %(n_types_out)s)::int]
                       ELSE CASE WHEN r_type < 0.5 THEN %(type_out_letter)s
                           ELSE (%(types_out)s::int[])[1 + floor((r_type - 0.5) * 2 * %(n_types_out)s)::int] END
                   END AS document_type_id,
                   (%(terms)s::text[])[1 + floor(r_time * 997 * %(n_terms)s)::int %% %(n_terms)s] || ' '
                   || (%(terms)s::text[])[1 + floor(r_owner * 991 * %(n_terms)s)::int %% %(n_terms)s] || ' '
                   || (%(terms)s::text[])[1 + floor(r_leader * 983 * %(n_terms)s)::int %% %(n_terms)s] || ' '
                   || (%(terms)s::text[])[1 + floor(r_misc * 977 * %(n_terms)s)::int %% %(n_terms)s] || ' '
                   || (%(terms)s::text[])[1 + floor(r_number * 971 * %(n_terms)s)::int %% %(n_terms)s]
                   || ' năm ' || (2021 + floor(r_type * 6)::int) AS summary
            FROM (
                SELECT k.*,
                       CASE kind
                           WHEN 'incoming' THEN CASE WHEN r_state < 0.03 THEN 'registered'
                               WHEN r_state < 0.06 THEN 'submitted'
                               WHEN r_state < 0.14 THEN 'routed' WHEN r_state < 0.97 THEN 'done' ELSE 'cancelled' END
                           WHEN 'draft' THEN CASE WHEN r_state < 0.5 THEN 'draft' WHEN r_state < 0.75 THEN 'consulting'
                               WHEN r_state < 0.9 THEN 'submitted' ELSE 'returned' END
                           WHEN 'note' THEN CASE WHEN r_state < 0.1 THEN 'draft' ELSE 'issued' END
                           ELSE CASE WHEN r_state < 0.03 THEN 'draft' WHEN r_state < 0.06 THEN 'consulting'
                               WHEN r_state < 0.09 THEN 'submitted' WHEN r_state < 0.11 THEN 'approved'
                               ELSE 'released' END
                       END AS state,
                       kind = 'incoming' AND r_state >= 0.06 AND r_state < 0.97 AS routed
                FROM (
                    SELECT r.*,
                           CASE WHEN r_kind < 0.55 THEN 'incoming' WHEN r_kind < 0.75 THEN 'outgoing'
                                WHEN r_kind < 0.83 THEN 'internal' WHEN r_kind < 0.88 THEN 'decision'
                                WHEN r_kind < 0.95 THEN 'draft' ELSE 'note' END AS kind
                    FROM (
                        SELECT %(first_id)s + n AS id, random() AS r_kind, random() AS r_state, random() AS r_time,
                               random() AS r_owner, random() AS r_lead, random() AS r_handler, random() AS r_leader,
                               random() AS r_type, random() AS r_issuer, random() AS r_number, random() AS r_conf,
                               random() AS r_urgency, random() AS r_misc
                        FROM generate_series(0, %(count)s - 1) AS n
                    ) r
                ) k
            ) t
        ) o
    ) s
) w
"""


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def share(count, fraction):
    return max(1, round(count * fraction))


def build_department(odoo, registry, rng):
    """Users in their roles, units with heads, work groups, issuers (through the ORM)."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(
            cr,
            odoo.SUPERUSER_ID,
            {
                "no_reset_password": True,
                "tracking_disable": True,
                "mail_create_nolog": True,
                "mail_create_nosubscribe": True,
                "mail_notrack": True,
            },
        )
        env.company.moffice_abbreviation = AGENCY
        group = {
            name: env.ref(f"moffice_documents.group_moffice_{name}").id
            for name in ("document_admin", "clerk", "custodian", "specialist")
        }
        units = env["hr.department"].create(
            [{"name": name, "moffice_code": code, "moffice_unit_type": kind} for name, code, kind in UNITS]
        )
        # roles: leaders in the board, clerks in the Office, one custodian per
        # other unit, specialists spread over the units but the board
        roles = ["document_admin"] * LEADERS + ["clerk"] * CLERKS + ["custodian"] * (len(UNITS) - 1)
        roles += ["specialist"] * (USERS - len(roles))
        staff_units = list(range(1, len(UNITS)))
        values, user_units = [], []
        for index, role in enumerate(roles):
            unit = 0 if role == "document_admin" else 1 if role == "clerk" else (staff_units[index % len(staff_units)])
            user_units.append(unit)
            values.append(
                {
                    "name": f"{SURNAMES[index % len(SURNAMES)]} {GIVEN[index % len(GIVEN)]} {index + 1:03d}",
                    "login": f"bench_{role}_{index + 1:03d}",
                    "email": f"bench.{index + 1:03d}@example.com",
                    "groups_id": [(6, 0, [group[role]])],
                }
            )
        users = env["res.users"].create(values)
        employees = env["hr.employee"].create(
            [
                {"name": user.name, "user_id": user.id, "department_id": units[unit].id, "work_email": user.email}
                for user, unit in zip(users, user_units, strict=True)
            ]
        )
        # heads: the director heads the board, the first specialist of each other unit heads it
        heads = {0: 0}
        for index, (role, unit) in enumerate(zip(roles, user_units, strict=True)):
            if role == "specialist" and unit not in heads:
                heads[unit] = index
        for unit, index in heads.items():
            units[unit].manager_id = employees[index]
        head_user = {unit: users[index].id for unit, index in heads.items()}
        specialists = [
            (users[index].id, units[unit].id)
            for index, (role, unit) in enumerate(zip(roles, user_units, strict=True))
            if role == "specialist"
        ]
        measured_head = head_user[MEASURED_HEAD_UNIT]
        measured_specialist = next(
            uid
            for uid, unit in specialists
            if unit == units[MEASURED_SPECIALIST_UNIT].id and uid not in head_user.values()
        )
        # work groups: the measured specialist and unit head are members of one group each
        members = [uid for uid, _unit in specialists if uid not in (measured_head, measured_specialist)]
        members += users[:LEADERS].ids
        groups = env["moffice.work.group"].create(
            [
                {
                    "name": f"Tổ công tác {index + 1:02d}: {rng.choice(TERMS)} {rng.choice(TERMS)}",
                    "code": f"TCT{index + 1:02d}",
                    "department_id": units[1 + index % (len(UNITS) - 1)].id,
                    "member_ids": [
                        (
                            6,
                            0,
                            rng.sample(members, rng.randint(5, 15))
                            + ([measured_specialist] if index == 0 else [])
                            + ([measured_head] if index == 1 else []),
                        )
                    ],
                }
                for index in range(WORK_GROUPS)
            ]
        )
        issuers = env["res.partner"].create([{"name": f"Cơ quan {code}", "is_company": True} for code in ISSUERS])
        types = env["moffice.document.type"].search([])
        registers = {
            kind: env.ref(f"moffice_documents.register_{kind}") for kind in ("incoming", "decision", "internal")
        }
        letter_register = env.ref("moffice_documents.register_outgoing_letter")
        types_in = types.filtered(lambda t: t.category == "incoming")
        types_out = types.filtered(lambda t: t.category == "outgoing")
        type_abbr = [None] * max(types.ids)
        for doc_type in types:
            type_abbr[doc_type.id - 1] = doc_type.abbreviation
        lead_units = [unit for unit in range(1, len(UNITS)) if unit != MEASURED_HEAD_UNIT]
        setup = {
            "users": {
                "clerk": users[LEADERS].id,
                "leader": users[0].id,
                "specialist": measured_specialist,
                "unit head": measured_head,
                "custodian": users[LEADERS + CLERKS + MEASURED_SPECIALIST_UNIT - 1].id,
            },
            "measured_unit": units[MEASURED_HEAD_UNIT].id,
            "sql": {
                "company": env.company.id,
                "agency": AGENCY,
                "spec": [uid for uid, _unit in specialists if uid not in (measured_head, measured_specialist)],
                "spec_units": [unit for uid, unit in specialists if uid not in (measured_head, measured_specialist)],
                "leaders": users[:LEADERS].ids,
                "clerks": users[LEADERS : LEADERS + CLERKS].ids,
                "lead_units": [units[unit].id for unit in lead_units],
                "lead_heads": [head_user[unit] for unit in lead_units],
                "all_units": units.ids,
                "unit_codes": [code for _name, code, _kind in UNITS],
                "board_unit": units[0].id,
                "issuers": issuers.ids,
                "issuer_codes": list(ISSUERS),
                "suffixes": list(SUFFIXES),
                "terms": list(TERMS),
                "types_in": types_in.ids,
                "types_out": types_out.ids,
                "types_decision": types.filtered(lambda t: t.category == "decision").ids,
                "type_in_letter": env.ref("moffice_documents.type_incoming_letter").id,
                "type_out_letter": env.ref("moffice_documents.type_outgoing_letter").id,
                "type_abbr": type_abbr,
                "register_incoming": registers["incoming"].id,
                "register_outgoing": env.ref("moffice_documents.register_outgoing").id,
                "register_letter": letter_register.id,
                "register_decision": registers["decision"].id,
                "register_internal": registers["internal"].id,
                "groups": groups.ids,
            },
        }
        for key in (
            "spec",
            "leaders",
            "clerks",
            "lead_units",
            "issuers",
            "suffixes",
            "terms",
            "types_in",
            "types_out",
            "types_decision",
        ):
            setup["sql"][f"n_{key}"] = len(setup["sql"][key])
        return setup


def check_columns(cr, table, filled):
    """Fail clearly if the model gained a NOT NULL column this benchmark does not fill."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND is_nullable = 'NO' "
        "AND column_default IS NULL",
        [table],
    )
    missing = {name for (name,) in cr.fetchall()} - set(filled)
    if missing:
        raise SystemExit(f"{table} has NOT NULL columns this benchmark does not fill: {sorted(missing)}")


def insert_documents(cr, setup, count, seed):
    """The documents, their handlers, readers, grants and comments, in SQL."""
    params = dict(setup["sql"])
    cr.execute("SELECT coalesce(max(id), 0) + 1 FROM moffice_document")
    params.update(first_id=cr.fetchone()[0], count=count)
    check_columns(
        cr,
        "moffice_document",
        ["id", "kind", "state", "summary", "owner_id", "company_id", "urgency", "confidentiality"],
    )
    check_columns(cr, "moffice_document_comment", ["id", "document_id", "user_id", "date_due", "state"])
    cr.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
    # Without foreign-key triggers (the ids are consistent by construction)
    # and without the secondary indexes, created again identically afterwards.
    cr.execute("SET LOCAL session_replication_role = replica")
    cr.execute("SET LOCAL maintenance_work_mem = '1GB'")
    cr.execute("SET LOCAL work_mem = '256MB'")
    cr.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = 'moffice_document' AND NOT EXISTS (
                  SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"""
    )
    indexes = cr.fetchall()
    for name, _definition in indexes:
        cr.execute(f'DROP INDEX "{name}"')
    begin = time.perf_counter()
    cr.execute(INSERT_DOCUMENTS, params)
    print(f"  {cr.rowcount} documents inserted in {time.perf_counter() - begin:.0f} s", flush=True)
    begin = time.perf_counter()
    for _name, definition in indexes:
        cr.execute(definition)
    print(f"  {len(indexes)} indexes of moffice_document created in {time.perf_counter() - begin:.0f} s", flush=True)
    cr.execute("SELECT setval('moffice_document_id_seq', (SELECT max(id) FROM moffice_document))")

    begin = time.perf_counter()
    # processing notes are about an incoming document
    cr.execute(
        """WITH incoming AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM moffice_document
                              WHERE kind = 'incoming'),
                notes AS (SELECT id, 1 + floor(random() * (SELECT count(*) FROM incoming))::int AS pick
                            FROM moffice_document WHERE kind = 'note')
           UPDATE moffice_document d SET parent_id = incoming.id
             FROM notes JOIN incoming ON incoming.rn = notes.pick WHERE d.id = notes.id"""
    )
    routed = "kind = 'incoming' AND state IN ('routed', 'done')"
    pick = "(%(spec)s::int[])[1 + floor(random() * %(n_spec)s)::int]"
    # co-handlers (about one per routed document) and people informed
    cr.execute(
        f"""INSERT INTO moffice_document_cohandler_rel (document_id, user_id)
            SELECT d.id, {pick} FROM moffice_document d CROSS JOIN generate_series(1, 2)
             WHERE {routed} AND random() < 0.5 ON CONFLICT DO NOTHING""",
        params,
    )
    cr.execute(
        f"""INSERT INTO moffice_document_info_rel (document_id, user_id)
            SELECT d.id, {pick} FROM moffice_document d CROSS JOIN generate_series(1, 2)
             WHERE {routed} AND random() < 0.2 ON CONFLICT DO NOTHING""",
        params,
    )
    # read rights granted by a leader to persons (5 % of the documents) or work groups (3 %)
    cr.execute(
        f"""INSERT INTO moffice_document_reader_rel (document_id, user_id)
            SELECT d.id, {pick} FROM moffice_document d CROSS JOIN generate_series(1, 3) AS g
             WHERE d.id::bigint * 7919 %% 100 < 5 AND (g = 1 OR random() < 0.4) ON CONFLICT DO NOTHING""",
        params,
    )
    cr.execute(
        """INSERT INTO moffice_document_reader_group_rel (document_id, group_id)
           SELECT d.id, (%(groups)s::int[])[1 + floor(random() * %(n_groups)s)::int] FROM moffice_document d
            WHERE random() < 0.03 ON CONFLICT DO NOTHING""",
        dict(params, n_groups=len(params["groups"])),
    )
    # comments asked on drafted documents that went past the draft state: one to three each
    cr.execute(
        f"""INSERT INTO moffice_document_comment (document_id, user_id, requested_by_id, request, date_due,
                comment, date_given, state, create_uid, write_uid, create_date, write_date)
            SELECT d.id, {pick}, d.owner_id, 'Đề nghị góp ý dự thảo.', d.create_date::date + 5,
                   CASE WHEN d.state <> 'consulting' THEN 'Thống nhất với dự thảo.' END,
                   CASE WHEN d.state <> 'consulting' THEN d.create_date + interval '3 days' END,
                   CASE WHEN d.state <> 'consulting' THEN 'given' ELSE 'requested' END,
                   d.owner_id, d.owner_id, d.create_date, d.create_date
              FROM moffice_document d CROSS JOIN generate_series(1, 3) AS g
             WHERE d.kind IN ('outgoing', 'internal', 'decision', 'draft') AND d.state <> 'draft'
               AND g <= 1 + d.id %% 3""",
        params,
    )
    print(f"  handlers, readers, grants and comments in {time.perf_counter() - begin:.0f} s", flush=True)

    # the measured specialist: about 1 % of the documents, for each reason
    specialist, head = setup["users"]["specialist"], setup["users"]["unit head"]
    cr.execute("SELECT department_id FROM hr_employee WHERE user_id = %s", [specialist])
    specialist_unit = cr.fetchone()[0]
    sample = "SELECT id FROM moffice_document WHERE {where} ORDER BY random() LIMIT {limit}"
    drafted = "kind IN ('draft', 'outgoing', 'note') AND owner_id = ANY(%(spec)s)"
    shares = {key: share(count, value) for key, value in SPECIALIST_SHARES.items()}
    cr.execute(
        f"""UPDATE moffice_document SET owner_id = %(user)s, create_uid = %(user)s, write_uid = %(user)s,
                   department_id = %(unit)s, holder_id = CASE WHEN holder_id = owner_id THEN %(user)s ELSE holder_id END
             WHERE id IN ({sample.format(where=drafted, limit=shares["owner"])})""",
        dict(params, user=specialist, unit=specialist_unit),
    )
    cr.execute(
        f"""UPDATE moffice_document SET lead_user_id = %(user)s, lead_department_id = NULL, department_id = NULL,
                   holder_id = CASE WHEN state = 'routed' THEN %(user)s END
             WHERE id IN ({sample.format(where=routed, limit=shares["lead"])})""",
        {"user": specialist},
    )
    for table, key, where in (
        ("moffice_document_cohandler_rel", "cohandler", routed),
        ("moffice_document_info_rel", "info", routed),
        ("moffice_document_reader_rel", "reader", "true"),
    ):
        cr.execute(
            f"""INSERT INTO {table} (document_id, user_id)
                SELECT id, %s FROM ({sample.format(where=where, limit=shares[key])}) AS d ON CONFLICT DO NOTHING""",
            [specialist],
        )
    cr.execute(
        f"""INSERT INTO moffice_document_comment (document_id, user_id, requested_by_id, request, date_due,
                state, create_uid, write_uid, create_date, write_date)
            SELECT d.id, %(user)s, d.owner_id, 'Đề nghị góp ý dự thảo.', d.create_date::date + 5, 'requested',
                   d.owner_id, d.owner_id, d.create_date, d.create_date
              FROM moffice_document d
             WHERE d.id IN ({
            sample.format(
                where="kind IN ('outgoing', 'internal', 'decision', 'draft') AND state <> 'draft'",
                limit=shares["comment"],
            )
        })""",
        {"user": specialist},
    )
    # the measured unit head: documents routed to their unit, and their own drafts
    shares = {key: share(count, value) for key, value in HEAD_SHARES.items()}
    cr.execute(
        f"""UPDATE moffice_document SET lead_department_id = %(unit)s, department_id = %(unit)s, lead_user_id = NULL,
                   holder_id = CASE WHEN state = 'routed' THEN %(user)s END
             WHERE id IN ({sample.format(where=routed, limit=shares["unit"])})""",
        {"user": head, "unit": setup["measured_unit"]},
    )
    cr.execute(
        f"""UPDATE moffice_document SET owner_id = %(user)s, create_uid = %(user)s, write_uid = %(user)s,
                   department_id = %(unit)s, holder_id = CASE WHEN holder_id = owner_id THEN %(user)s ELSE holder_id END
             WHERE id IN ({sample.format(where=drafted, limit=shares["owner"])})""",
        dict(params, user=head, unit=setup["measured_unit"]),
    )
    cr.execute("SELECT setval('moffice_document_comment_id_seq', (SELECT max(id) FROM moffice_document_comment))")


def vacuum_analyze(odoo, dbname):
    """VACUUM ANALYZE the database, as autovacuum would have done on a live one."""
    config = odoo.tools.config
    connection = psycopg2.connect(dbname=dbname, host=config["db_host"], port=config["db_port"], user=config["db_user"])
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")
    connection.close()


def table_sizes(cr, Document):
    tables = [
        "moffice_document",
        "moffice_document_cohandler_rel",
        "moffice_document_info_rel",
        "moffice_document_reader_rel",
        "moffice_document_reader_group_rel",
        "moffice_document_comment",
    ]
    if "access_user_ids" in Document._fields:
        tables.append(Document._fields["access_user_ids"].relation)
    sizes = []
    for table in tables:
        cr.execute(f"SELECT count(*), pg_size_pretty(pg_total_relation_size('{table}')) FROM {table}")
        rows, size = cr.fetchone()
        sizes.append(f"{table} {rows} ({size})")
    return sizes


class CapturedQueries:
    """Record the SQL queries (as sent) run on any cursor while active."""

    def __init__(self, odoo):
        self.cursor_class = odoo.sql_db.Cursor
        self.queries = []

    def __enter__(self):
        original = self.original = self.cursor_class.execute
        queries = self.queries

        def execute(cursor, query, params=None, log_exceptions=True):
            result = original(cursor, query, params, log_exceptions)
            queries.append(cursor._obj.query.decode())
            return result

        self.cursor_class.execute = execute
        return self

    def __exit__(self, *exc):
        self.cursor_class.execute = self.original


def explain_queries(odoo, cr, Document, domain):
    """EXPLAIN ANALYZE of the queries on documents that web_search_read runs for ``domain``."""
    Document.env.invalidate_all()
    with CapturedQueries(odoo) as captured:
        Document.web_search_read(
            domain=domain, specification=DOCUMENT_LIST, offset=0, limit=80, order="", count_limit=10001
        )
    for query in captured.queries:
        if query.lstrip().upper().startswith("SELECT") and 'FROM "moffice_document"' in query:
            print(f"    query: {query}")
            cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)
            for (line,) in cr.fetchall():
                print(f"      {line}")


def measure(odoo, registry, role, uid, repeat, rng, phrases, explain):
    """Time the list and the two searches as ``uid`` with the record rules."""
    from odoo.tools import SQL

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, uid, {})
        Document = env["moffice.document"]
        begin = time.perf_counter()
        visible = Document.search_count([])
        count_ms = (time.perf_counter() - begin) * 1000
        # references this user can see, to search for
        query = Document._search([("reference", "!=", False)])
        cr.execute(
            SQL(
                "SELECT reference FROM moffice_document WHERE id IN %s ORDER BY random() LIMIT %s",
                query.subselect(),
                max(repeat, 20),
            )
        )
        references = [reference for (reference,) in cr.fetchall()] or ["/"]
        env.invalidate_all()
        runs = {
            "list": lambda: [],
            "summary words": lambda: [("summary", "ilike", rng.choice(phrases))],
            "number and symbol": lambda: [("reference", "ilike", rng.choice(references))],
        }
        results = {}
        for label, make_domain in runs.items():
            # one untimed run: rules compiled, views and caches loaded, as on a running server
            Document.web_search_read(
                domain=make_domain(), specification=DOCUMENT_LIST, offset=0, limit=80, order="", count_limit=10001
            )
            env.invalidate_all()
            timings, lengths = [], []
            for _index in range(repeat):
                domain = make_domain()
                begin = time.perf_counter()
                result = Document.web_search_read(
                    domain=domain, specification=DOCUMENT_LIST, offset=0, limit=80, order="", count_limit=10001
                )
                timings.append((time.perf_counter() - begin) * 1000)
                lengths.append(result["length"])
                env.invalidate_all()
            results[label] = (statistics.median(timings), percentile(timings, 0.95), statistics.median(lengths))
        print(f"{role} (uid {uid}): sees {visible} documents (search_count {count_ms:.0f} ms)", flush=True)
        for label, (median, p95, length) in results.items():
            print(
                f"  {label:<18} median {median:8.1f} ms   p95 {p95:8.1f} ms   (median count {length:.0f})", flush=True
            )
        if explain:
            print(f"  EXPLAIN ANALYZE of the list as {role}:")
            explain_queries(odoo, cr, Document, [])
            print(f"  EXPLAIN ANALYZE of a search by summary words ({phrases[0]}) as {role}:")
            explain_queries(odoo, cr, Document, [("summary", "ilike", phrases[0])])
        cr.rollback()
        return visible, results


@contextlib.contextmanager
def department_database(documents, seed, modules="moffice_documents"):
    """Install ``modules`` in a throw-away database, build the department and
    insert ``documents`` documents; yield (odoo, registry, setup)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    with bench_registry("moffice_bench_access", modules) as (odoo, registry):
        print(f"installed in {time.perf_counter() - started:.0f} s", flush=True)
        begin = time.perf_counter()
        setup = build_department(odoo, registry, rng)
        print(
            f"department built through the ORM in {time.perf_counter() - begin:.0f} s: {USERS} users "
            f"({LEADERS} leaders, {CLERKS} clerks, {len(UNITS) - 1} custodians, the rest specialists), "
            f"{len(UNITS)} units, {WORK_GROUPS} work groups, {len(ISSUERS)} issuers",
            flush=True,
        )

        begin = time.perf_counter()
        with registry.cursor() as cr:
            insert_documents(cr, setup, documents, seed)
        vacuum_analyze(odoo, "moffice_bench_access")
        print(f"documents inserted in SQL, vacuumed and analyzed in {time.perf_counter() - begin:.0f} s", flush=True)

        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            if hasattr(env["moffice.document"], "_access_rebuild"):
                begin = time.perf_counter()
                env["moffice.document"]._access_rebuild()
                cr.commit()
                print(f"access table rebuilt in {time.perf_counter() - begin:.1f} s", flush=True)
                vacuum_analyze(odoo, "moffice_bench_access")
            else:
                print("no access table (moffice.document has no _access_rebuild)", flush=True)
            for line in table_sizes(cr, env["moffice.document"]):
                print(f"  {line}")
            cr.execute(
                """SELECT kind, state, count(*) FROM moffice_document GROUP BY kind, state ORDER BY kind, state"""
            )
            print("  " + ", ".join(f"{kind}/{state} {rows}" for kind, state, rows in cr.fetchall()), flush=True)
        yield odoo, registry, setup


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print EXPLAIN ANALYZE of the queries of the list and of a summary search",
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    started = time.perf_counter()

    with department_database(args.documents, args.seed) as (odoo, registry, setup):
        print(f"\nper role, {args.repeat} runs of each (web_search_read, 80 rows, count up to 10001):", flush=True)
        phrases = list(TERMS)
        figures = {}
        for role, uid in setup["users"].items():
            figures[role] = measure(
                odoo, registry, role, uid, args.repeat, random.Random(args.seed), phrases, args.explain
            )

        clerk_p95, specialist_p95 = figures["clerk"][1]["list"][1], figures["specialist"][1]["list"][1]
        head_p95 = figures["unit head"][1]["list"][1]
        print(
            f"\nlist p95: specialist / clerk = {specialist_p95 / clerk_p95:.1f} "
            f"({specialist_p95:.1f} / {clerk_p95:.1f} ms); unit head / clerk = {head_p95 / clerk_p95:.1f}"
        )
        print(f"total runtime {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
