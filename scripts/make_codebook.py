#!/usr/bin/env python3
"""Writes dyad's CAMEO codebook (data/coder/cameo.tsv) and CAMEO->PLOVER map
(data/coder/plover.tsv) from the public reference tables in ../shared/data.

Sources (facts only: codes, names, Goldstein scores, PLOVER categories):
  cameo/CAMEO.eventcodes.txt, cameo/CAMEO.goldsteinscale.txt
      CAMEO 1.1b3 codes and Goldstein scores as distributed with GDELT.
  plover/CAMEO2PLOVER-2021.txt
      CAMEO -> PLOVER table of the PLOVER manual draft 0.8 (Schrodt, 2021).
  plover/PLOVER_structured_codebook.csv
      PLOVER events and modes (used to check the modes we emit).

The corrections below are ours; each is justified in docs/codebook.md.
Usage: scripts/make_codebook.py [SHARED_DATA_DIR] [OUTPUT_DIR]
"""
import csv
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "data")
output = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "data", "coder")

# QuadClass by root, as GDELT defines it: 1 verbal cooperation, 2 material
# cooperation, 3 verbal conflict, 4 material conflict.
def quad_class(code):
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4

# Names fixed where the GDELT copy has typos, encoding debris or the
# 10x labels shifted against the CAMEO manual (the PLOVER table, by the
# author of CAMEO, has the manual's labels).
NAME_CORRECTIONS = {
    "033": "Express intent to provide material aid, not specified below",
    "044": "Meet at a 'third' location",
    "101": "Demand material cooperation, not specified below",
    "105": "Demand that target yields, not specified below",
    "106": "Demand meeting, negotiation",
    "107": "Demand settling of dispute",
    "108": "Demand mediation",
    "2041": "Use chemical, biological, or radiological weapons",
}

# CAMEO codes the 2021 table leaves out.  01x statements have no PLOVER
# event (PLOVER drops comment and statement categories); 02x appeals are
# requests in PLOVER's definition of REQUEST, so they take the mode of the
# matching 10x demand.
APPEAL_TO_REQUEST = {
    "02": "", "020": "", "021": "assist", "0211": "assist", "0212": "assist",
    "0213": "assist", "0214": "assist", "022": "assist", "023": "assist",
    "0231": "assist", "0232": "assist", "0233": "assist", "0234": "assist",
    "024": "change", "0241": "change", "0242": "change", "0243": "change",
    "0244": "change", "025": "yield", "0251": "yield", "0252": "yield",
    "0253": "yield", "0254": "yield", "0255": "yield", "0256": "yield",
    "026": "meet", "027": "meet", "028": "meet",
}

# Rows of the 2021 table whose mode the PLOVER codebook does not define,
# rewritten with the codebook's nearest mode (see docs/codebook.md).
PLOVER_CORRECTIONS = {
    "085": ("RETREAT", "", "economic"),             # table's own note: "ease" is no longer a mode
    "1321": ("THREATEN", "rights", "human_rights"),  # restrictions on freedoms of expression
    "1712": ("ASSAULT", "destroy", "human_security"),  # destroy property
    "1724": ("COERCE", "restrict", "pro_autocracy"),   # state of emergency, martial law
    "175": ("ASSAULT", "crowd-control", "pro_autocracy;military"),  # context was in the mode column
}


def read_pairs(path):
    """code -> text from a two-column tab file with a header line.  A line
    that holds two records run together ("1056\t...106\t...") is split."""
    pairs = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")[1:]
    for number, line in enumerate(lines, 2):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        records = re.findall(r"(\d{2,4})\t([^\t]*?)(?=\d{2,4}\t|$)", line)
        if not records:
            sys.exit("%s:%d: not a code line: %r" % (path, number, line))
        for code, text in records:
            pairs[code] = text.strip()
    return pairs


def main():
    names = read_pairs(os.path.join(shared, "cameo", "CAMEO.eventcodes.txt"))
    scores = read_pairs(os.path.join(shared, "cameo", "CAMEO.goldsteinscale.txt"))
    if set(names) != set(scores):
        sys.exit("event code and Goldstein tables list different codes: %s"
                 % sorted(set(names) ^ set(scores)))

    modes = {}
    with open(os.path.join(shared, "plover", "PLOVER_structured_codebook.csv"),
              encoding="utf-8") as f:
        for row in csv.DictReader(f):
            modes.setdefault(row["event"], set()).add(row["mode"].strip())

    plover = {}
    with open(os.path.join(shared, "plover", "CAMEO2PLOVER-2021.txt"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
            if not m or m.group(1) in plover:
                continue   # the first row of a repeated code is the one used
            fields = [x.strip() for x in m.group(2).split(",")]
            while len(fields) < 3:
                fields.append("")
            event, mode, context = PLOVER_CORRECTIONS.get(m.group(1), fields[:3])
            if mode and mode not in modes.get(event, ()):
                sys.exit("PLOVER mode %s/%s of %s is not in the codebook" % (event, mode, m.group(1)))
            context = ";".join(c.strip() for c in context.split(";") if c.strip())
            plover[m.group(1)] = (event, mode, context)

    codes = sorted(names, key=lambda c: (c[:2], c))
    os.makedirs(output, exist_ok=True)
    with open(os.path.join(output, "cameo.tsv"), "w", encoding="utf-8") as out:
        out.write("# dyad CAMEO codebook: every CAMEO 1.1b3 event code.\n"
                  "# Generated by scripts/make_codebook.py from the GDELT copy of the CAMEO code and\n"
                  "# Goldstein tables; edit the script, not this file.  Format: docs/codebook.md.\n"
                  "# code\tquad_class\tgoldstein\tname\n")
        for code in codes:
            name = NAME_CORRECTIONS.get(code, names[code])
            name = " ".join(name.split())
            if len(code) == 2:
                name = name.capitalize()
            out.write("%s\t%d\t%.1f\t%s\n" % (code, quad_class(code), float(scores[code]), name))

    with open(os.path.join(output, "plover.tsv"), "w", encoding="utf-8") as out:
        out.write("# dyad CAMEO -> PLOVER map: PLOVER event, mode and context of each CAMEO code.\n"
                  "# Generated by scripts/make_codebook.py from the PLOVER 2021 conversion table;\n"
                  "# '-' = none.  Format and differences from the table: docs/codebook.md.\n"
                  "# cameo\tevent\tmode\tcontext\n")
        for code in codes:
            if code in plover:
                event, mode, context = plover[code]
            elif code in APPEAL_TO_REQUEST:
                event, mode, context = "REQUEST", APPEAL_TO_REQUEST[code], ""
            else:
                continue
            out.write("%s\t%s\t%s\t%s\n" % (code, event, mode or "-", context or "-"))


if __name__ == "__main__":
    main()
