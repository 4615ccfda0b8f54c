"""Writes the emoji index the generator reads: one ":shortcode:<TAB>svg file name" per line.

The names are pymdownx's own twemoji index (pymdownx/twemoji_db.py, the one MkDocs Material
books are written against), so every shortcode that works in MkDocs works here, aliases such
as :+1: included. The file is read as data (run_path), so any Python 3 will do.
Usage: twemoji_index.py PATH/TO/pymdownx/twemoji_db.py OUTPUT.tsv
"""
import runpy
import sys

db = runpy.run_path(sys.argv[1])
emoji, aliases = db["emoji"], db.get("aliases", {})
rows = {name: entry["unicode"] for name, entry in emoji.items()}
for alias, target in aliases.items():
    if target in rows:
        rows[alias] = rows[target]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("# pymdownx twemoji index %s (%s)\n" % (db.get("index_version", "?"), db.get("version", "?")))
    for name in sorted(rows):
        out.write("%s\t%s\n" % (name, rows[name]))
