"""Every addon ships a .pot and a complete Vietnamese translation."""

import ast
import re
import xml.etree.ElementTree as ET

from conftest import addon_dirs


def parse_po(path):
    """Return {msgid: msgstr} of a .po/.pot file (plural forms are not used)."""
    entries, current, key = {}, {}, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if "msgid" in current:
                entries[current["msgid"]] = current.get("msgstr", "")
                current = {}
            continue
        match = re.match(r'(msgid|msgstr|msgctxt)\s+"(.*)"$', line)
        if match:
            key = match[1]
            current[key] = ast.literal_eval(f'"{match[2]}"')
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    entries.pop("", None)
    return entries


def test_pot_and_vi_po_exist(addon):
    assert (addon / "i18n" / f"{addon.name}.pot").is_file()
    assert (addon / "i18n" / "vi.po").is_file()


def test_every_term_is_translated(addon):
    terms = parse_po(addon / "i18n" / f"{addon.name}.pot")
    translations = parse_po(addon / "i18n" / "vi.po")
    assert terms, "empty .pot"
    missing = sorted(term for term in terms if not translations.get(term))
    assert not missing, f"{len(missing)} terms without Vietnamese translation: {missing[:20]}"


def test_pot_covers_menus_and_actions(addon):
    """A stale .pot shows as a menu or action name it does not contain."""
    terms = parse_po(addon / "i18n" / f"{addon.name}.pot")
    names = set()
    for path in addon.glob("**/*.xml"):
        if "demo" in path.parts:
            continue
        for node in ET.parse(path).getroot().iter():
            if node.tag == "menuitem" and node.get("name"):
                names.add(node.get("name"))
            if node.tag == "record" and node.get("model", "").startswith("ir.actions"):
                for field in node.findall("field[@name='name']"):
                    names.add(field.text)
    missing = sorted(names - set(terms))
    assert not missing, f"regenerate {addon.name}.pot: missing {missing}"


def test_parser_reads_multiline_entries(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\n#. comment\nmsgid "A"\n"B"\nmsgstr "C"\n"D"\n\nmsgid "E"\nmsgstr ""\n', encoding="utf-8"
    )
    assert parse_po(po) == {"AB": "CD", "E": ""}


def test_every_addon_is_checked():
    assert addon_dirs()
