def migrate(cr, version):
    """Registers no longer number with an ``ir.sequence`` each (the number
    follows the highest one a register holds): their sequences go, with the
    column that named them."""
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'moffice_register' AND column_name = 'sequence_id'"
    )
    if not cr.fetchone():
        return
    cr.execute("SELECT sequence_id FROM moffice_register WHERE sequence_id IS NOT NULL")
    sequences = [row[0] for row in cr.fetchall()]
    cr.execute("ALTER TABLE moffice_register DROP COLUMN sequence_id")
    if sequences:
        cr.execute("DELETE FROM ir_sequence_date_range WHERE sequence_id IN %s", [tuple(sequences)])
        cr.execute("DELETE FROM ir_sequence WHERE id IN %s", [tuple(sequences)])
