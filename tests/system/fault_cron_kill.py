"""Fault: a scheduled action killed mid-batch. The overdue sweep (Article
6.2) locks tens of thousands of overdue tasks, a batch per transaction; its
cron worker is killed (SIGKILL) after some batches are committed, in the
middle of the next one. The prefork server respawns the cron worker, which
resumes: every task ends locked, with exactly one "locked" entry in its log,
and the batches committed add up to the tasks, none done twice."""

import os
import signal
import time

from . import harness

TITLE = "a scheduled action (overdue sweep) killed mid-batch: the next run resumes, nothing done twice"

TASKS = 22500  # four batches of 5,000 and a half one
BATCH = 5000  # moffice_tasks' SWEEP_BATCH
TIMEOUT = 150


def run(ctx):
    db = ctx.clone_db(f"{ctx.db}_fault_cron")
    try:
        return exercise(ctx, db)
    finally:
        ctx.drop_db(db)


def count(ctx, db, sql):
    return int(ctx.psql(sql, db) or 0)


def exercise(ctx, db):
    cron = count(
        ctx, db, "SELECT res_id FROM ir_model_data WHERE module = 'moffice_tasks' AND name = 'cron_lock_overdue'"
    )
    first = count(ctx, db, "SELECT coalesce(max(id), 0) FROM moffice_task") + 1
    ctx.psql(
        "INSERT INTO moffice_task (name, giver_id, user_id, state, is_locked, priority, company_id, date_deadline, "
        "create_uid, write_uid, create_date, write_date) "
        "SELECT 'Nhiệm vụ kiểm thử quá hạn ' || n, 2, 2, 'assigned', false, '0', 1, "
        "now() at time zone 'utc' - n * interval '1 minute', 2, 2, now(), now() "
        f"FROM generate_series(1, {TASKS}) AS n; ANALYZE moffice_task",
        db,
    )
    mine = f"task_id >= {first}"
    ours = f"SELECT count(*) FROM moffice_task WHERE id >= {first} AND is_locked"
    # Only the sweep runs, and it is due now.
    ctx.psql(
        f"UPDATE ir_cron SET active = (id = {cron}); "
        f"UPDATE ir_cron SET nextcall = now() at time zone 'utc' - interval '1 minute' WHERE id = {cron}",
        db,
    )
    progress = count(ctx, db, "SELECT coalesce(max(id), 0) FROM ir_cron_progress")
    started = time.monotonic()
    killed_at = None
    with harness.OdooServer(ctx, db, workers=1, extra=["--max-cron-threads=1"], name="fault-cron") as server:
        while time.monotonic() - started < TIMEOUT:
            # Wakes the cron worker up (it listens on the postgres database).
            ctx.psql(f"NOTIFY cron_trigger, '{db}'")
            locked = count(ctx, db, ours)
            if killed_at is None and BATCH <= locked < TASKS - BATCH:
                workers = server.worker_pids("WorkerCron")
                if workers and workers[0] in ctx.busy_backends(db):
                    os.kill(workers[0], signal.SIGKILL)
                    killed_at = locked
            if locked == TASKS and count(
                ctx, db, f"SELECT count(*) FROM ir_cron WHERE id = {cron} AND nextcall > now() at time zone 'utc'"
            ):
                break
            time.sleep(0.5)
    elapsed = time.monotonic() - started
    locked = count(ctx, db, ours)
    twice = count(
        ctx,
        db,
        f"SELECT count(*) FROM (SELECT task_id FROM moffice_task_log WHERE {mine} AND event = 'locked' "
        "GROUP BY task_id HAVING count(*) > 1) AS t",
    )
    logged = count(ctx, db, f"SELECT count(DISTINCT task_id) FROM moffice_task_log WHERE {mine} AND event = 'locked'")
    done, interrupted = ctx.psql(
        f"SELECT coalesce(sum(done), 0), count(*) FILTER (WHERE done = 0) FROM ir_cron_progress "
        f"WHERE cron_id = {cron} AND id > {progress}",
        db,
    ).split("|")
    print(
        f"[tests/run] {TASKS} overdue tasks; cron worker killed with {killed_at} locked; after {elapsed:.0f} s "
        f"{locked} locked, {logged} logged once, {twice} logged twice; batches committed {done} tasks, "
        f"{interrupted} batch(es) interrupted"
    )
    return killed_at is not None and int(interrupted) >= 1 and locked == logged == int(done) == TASKS and twice == 0
