#!/usr/bin/env python3
"""Compares a Pantau report.json with realcms's ground-truth.yaml; prints a table, exits 1 on any mismatch.

Checked per site: latest post date, activity class (90/180-day defaults), missing and empty
sections, broken links (exactly), the redirect chain not reported as broken, and hygiene from the
findings (rules/hygiene.yaml): the spam pages (evidence URLs of hygiene.gambling-spam), the hidden
spam links (evidence snippets of hygiene.hidden-links: the link's URL) and sample content
(hygiene.sample-content) exactly on the abandoned default install.
"""
import json
import sys

import yaml  # PyYAML; Debian: python3-yaml

SECTION_IDS = {
    "Profil": "profil", "Visi Misi": "visi-misi", "Struktur Organisasi": "struktur-organisasi",
    "PPID": "ppid", "Informasi Berkala": "informasi-berkala", "Informasi Serta Merta": "informasi-serta-merta",
    "Informasi Setiap Saat": "informasi-setiap-saat", "Standar Pelayanan": "standar-pelayanan", "Kontak": "kontak",
}


def activity(days):
    return "aktif" if days <= 90 else "kurang-aktif" if days <= 180 else "tidak-aktif"


def main(report_path, truth_path):
    report = json.load(open(report_path))
    truth = yaml.safe_load(open(truth_path))
    by_host = {}
    for inst in report["institutions"]:
        host = inst["url"].split("//", 1)[1].split(":", 1)[0].split("/", 1)[0]
        by_host[host] = inst
    failures = []
    rows = []
    for site in truth["summary"]:
        host = site["host"]
        inst = by_host.get(host)
        if inst is None:
            failures.append(f"{host}: not in the report")
            continue
        checks = []

        def check(name, expected, found):
            ok = expected == found
            checks.append(ok)
            if not ok:
                failures.append(f"{host}: {name}: expected {expected!r}, found {found!r}")

        check("latest post", site["latest_post"], inst["latestContent"]["date"])
        check("activity", activity(site["days_since_latest_post"]), inst["activity"])
        # The ground truth plants the nine mandated sections; the pack checks more (DIP, LKjIP, ...).
        statuses = {s["id"]: s["status"] for s in inst["sections"] if s["id"] in SECTION_IDS.values()}
        check("missing sections", sorted(SECTION_IDS[n] for n in site["sections_missing"]),
              sorted(i for i, s in statuses.items() if s == "missing"))
        check("empty sections", sorted(SECTION_IDS[n] for n in site["sections_empty"]),
              sorted(i for i, s in statuses.items() if s == "empty"))
        check("broken links", sorted(site["broken_links"]), sorted(b["url"] for b in inst["brokenLinks"]))
        chains = set(site["redirect_chains"])
        check("redirect chains reported as broken", [], sorted(chains & {b["url"] for b in inst["brokenLinks"]}))
        hygiene = {f["rule"]: f["evidence"] for f in inst.get("findings", []) if f["rule"].startswith("hygiene.")}
        check("spam pages", sorted(site["spam_pages"]),
              sorted(e["url"] for e in hygiene.get("hygiene.gambling-spam", [])))
        check("hidden spam links", sorted(site["hidden_spam_links"]),
              sorted({e.get("snippet") for e in hygiene.get("hygiene.hidden-links", [])}))
        check("sample content", site["profile"] == "abandoned default install", "hygiene.sample-content" in hygiene)
        rows.append((host, inst["latestContent"]["date"], inst["activity"], len(inst["brokenLinks"]),
                     sum(checks), len(checks)))
    print(f"{'site':34} {'latest':10} {'activity':12} {'broken':>6}  checks")
    for host, latest, act, broken, ok, total in rows:
        print(f"{host:34} {latest or '-':10} {act:12} {broken:>6}  {ok}/{total}")
    for failure in failures:
        print("MISMATCH", failure)
    total = sum(r[5] for r in rows)
    passed = sum(r[4] for r in rows)
    print(f"realcms: {passed} passed, {total - passed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
