#!/usr/bin/env python3
"""Writes data/samples/articles.jsonl from the sample .txt articles, so the
two forms stay the same articles (tests/e2e/samples.py checks they clean to
the same text).  The metadata below is ours; "section" and "scraper" are
fields dyad does not know, passed through as "meta".

usage: scripts/samples-jsonl.py
"""
import json
import os

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "samples")
METADATA = {
    "kremlin-talks": ("2025-12-03", "Kremlin talks with U.S. envoys end without a deal", "world"),
    "kyiv-warning": ("2025-12-03", "Kyiv warns allies against deals made behind its back", "world"),
    "european-unease": ("2025-12-04", "Europe uneasy as Washington and Moscow talk over its head",
                        "europe"),
    "gaza-cairo": ("2025-12-03", "Gaza ceasefire talks resume in Cairo", "middle-east"),
    "un-vote": ("2025-12-03", "Security Council backs ceasefire monitoring mission", "world"),
    "sanctions": ("2025-12-03", "Allies agree new sanctions on shipping and banks", "business"),
    "protest-crackdown": ("2025-12-03T07:15:00Z", "Police break up protest outside parliament",
                          "europe"),
}

with open(os.path.join(SAMPLES, "articles.jsonl"), "w", encoding="utf-8") as out:
    for name, (date, title, section) in METADATA.items():
        with open(os.path.join(SAMPLES, name + ".txt"), encoding="utf-8") as f:
            text = f.read()
        record = {"id": name, "date": date, "title": title, "source": "Dyad Sample Wire",
                  "url": f"https://news.example.org/{section}/{name}", "text": text,
                  "section": section, "scraper": {"version": 2, "lang": "en"}}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
