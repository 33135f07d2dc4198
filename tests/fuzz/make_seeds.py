#!/usr/bin/env python3
"""Writes the seed corpora of fuzz_payload, fuzz_engine and fuzz_http (tests/fuzz/corpus/)
from the payloads the workflow tests use (tests/support/*_fixture.hpp,
tests/workflows/*_test.cpp). Run it again after changing a workflow's events;
the files it writes are committed."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

OFFICIAL = {"nip": "197603152005011002", "name": "Drs. Ahmad Fauzi, M.Si", "grade": "jpt_pratama",
            "post": "Kepala Dinas Pendidikan", "target": "Kepala Dinas Kesehatan", "unit": "Dinas Pendidikan",
            "inaugurated_at": "2020-01-06"}
JOB_FIT = {"nip": "197005172000031001", "name": "Ir. Rahmat Hidayat, M.T.", "grade": "jpt_pratama",
           "post": "Kepala Dinas PUPR", "unit": "Dinas PUPR", "inaugurated_at": "2019-01-07",
           "batch": "JF-2025-001", "as_of": "2025-06-02", "birth_date": "1970-05-17"}
SELECTION = {"post": "Kepala Dinas Pendidikan", "unit": "Dinas Pendidikan", "grade": "jpt_pratama"}
RECORD_ITEMS = ["career_history", "achievements", "skp", "edijab", "competency_test", "superior_recommendation",
                "neutrality", "discipline"]
APPLICANTS = [  # nip, name, rank, years, born, disciplinary, assessment_center, paper, interview, track_record
    ("197603152005011002", "Drs. Ahmad Fauzi, M.Si.", "IV/b", 4, "1976-03-15", "none", 85, 80, 88, 90),
    ("197811202003122001", "Dr. Rina Wati, M.Pd.", "IV/a", 3, "1978-11-20", "none", 90, 85, 80, 85),
    ("198005052006041003", "Budi Santoso, S.T., M.T.", "IV/a", 2.5, "1980-05-05", "light", 70, 75, 72, 80),
    ("197201012000031004", "Ir. Hasan Basri", "IV/c", 6, "1972-01-01", "none", 80, 70, 85, 75),
    ("198506152010012005", "Siti Aminah, S.E.", "III/d", 1, "1985-06-15", "moderate", 0, 0, 0, 0),
]


# The example configuration's window 'Bupati baru' (2025-02-20 .. 2025-08-19) needs the
# Minister's written approval before a decision.
APPROVAL = ("ministerial_approval_recorded", "admin", {"letter": "100.2.2.6/1234/OTDA", "date": "2025-05-01"})


def j(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


def mutation_path():
    """(event, role, payload) from opened to completed: MutationFixture::case_in."""
    steps = [("opened", "admin", OFFICIAL)]
    steps += [("record_added", "admin", {"item": i, "value": "ok"}) for i in RECORD_ITEMS]
    steps += [("records_completed", "admin", {}),
              ("visit_scheduled", "admin", {"date": "2025-06-05", "team": "Tim BKPSDM"}),
              ("interview_recorded", "admin", {"role": "rt_head", "name": "Pak RT", "summary": "baik"}),
              ("interview_recorded", "admin", {"role": "neighbour", "name": "Bu Ani", "summary": "ramah"}),
              ("interview_recorded", "admin", {"role": "community_figure", "name": "Ustadz Salim", "summary": "aktif"}),
              ("visit_completed", "admin", {})]
    steps += [("score_recorded", "admin", {"component": c, "value": v})
              for c, v in [("paper", 80), ("interview", 90), ("track_record", 70), ("performance_contract", 60)]]
    steps += [("scoring_completed", "admin", {}),
              ("recommendation_requested", "admin", {"ref": "800/1/BKD"}),
              ("recommendation_received", "admin", {"decision": "approve", "ref": "B-1/BKN"}),
              APPROVAL,
              ("ppk_decided", "ppk", {"decision": "approve", "post": "Kepala Dinas Kesehatan", "sk_number": "821/12/2025"}),
              ("inauguration_scheduled", "admin", {"date": "2025-06-20"}),
              ("inaugurated", "admin", {"date": "2025-06-03", "sk_number": "821/12/2025"})]
    return steps


def job_fit_path(outcome="rotate"):
    scores = {"rotate": [("paper", 80), ("interview", 90), ("track_record", 70), ("performance_contract", 60)],
              "keep": [("paper", 85), ("interview", 85), ("track_record", 85), ("performance_contract", 85)]}[outcome]
    steps = [("opened", "admin", JOB_FIT)]
    steps += [("score_recorded", "admin", {"component": c, "value": v}) for c, v in scores]
    steps += [("assessment_completed", "admin", {}),
              ("panel_reported", "admin", {"ref": "BA-07/PANSEL/2025", "summary": "sesuai"}),
              ("recommendation_requested", "admin", {"ref": "800/1/BKD"}),
              ("recommendation_received", "admin", {"decision": "approve", "ref": "B-1/BKN"}),
              APPROVAL,
              ("ppk_reviewed", "ppk", {"decision": "approve", "sk_number": "800/45/2025"})]
    return steps


def selection_path():
    steps = [("opened", "admin", SELECTION),
             ("pansel_formed", "admin", {"sk_number": "800/12/BKPSDM/2025", "chair": "Sekretaris Daerah",
                                         "members": "Sekda, Asisten III, Kepala BKPSDM, 2 akademisi", "member_count": 5}),
             ("announced", "admin", {"ref": "800/20/PANSEL/2025", "date": "2025-02-10", "registration_closes": "2025-02-24",
                                     "min_rank": "IV/a", "min_years_in_post": 2, "max_age": 56})]
    for a in APPLICANTS:
        steps.append(("applicant_registered", "admin", {"nip": a[0], "name": a[1], "current_post": "Kepala Bidang",
                                                        "rank": a[2], "years_in_post": a[3], "birth_date": a[4],
                                                        "disciplinary": a[5]}))
    steps += [("registration_closed", "admin", {}), ("administrative_completed", "admin", {})]
    for a in APPLICANTS[:4]:
        steps += [("score_recorded", "admin", {"nip": a[0], "component": "assessment_center", "value": a[6]}),
                  ("score_recorded", "admin", {"nip": a[0], "component": "paper", "value": a[7]})]
    steps.append(("assessment_completed", "admin", {}))
    for a in APPLICANTS[:4]:
        steps += [("score_recorded", "admin", {"nip": a[0], "component": "interview", "value": a[8]}),
                  ("score_recorded", "admin", {"nip": a[0], "component": "track_record", "value": a[9]})]
    steps += [("interviews_completed", "admin", {}),
              ("shortlist_set", "admin", {"first": APPLICANTS[0][0], "second": APPLICANTS[1][0], "third": APPLICANTS[3][0]}),
              ("recommendation_requested", "admin", {"ref": "800/88/BKPSDM/2025"}),
              ("recommendation_received", "admin", {"decision": "approve", "ref": "R-311/BKN/2025"}),
              ("ppk_chose", "ppk", {"nip": APPLICANTS[1][0]}),
              APPROVAL,
              ("inauguration_scheduled", "admin", {"date": "2025-09-01"}),
              ("inaugurated", "admin", {"date": "2025-06-03", "sk_number": "821.2/77/2025"})]
    return steps


EXTRA = {  # events no main path takes
    "mutation": [("withdrawn", {"reason": "pensiun dini"}),
                 ("ministerial_approval_recorded", {"letter": "100.2.2.6/1234/OTDA", "date": "2025-05-01"}),
                 ("exception_recorded", {"kind": "legal_violation", "ref": "LHP-12/ITDA/2025"})],
    "job_fit": [("withdrawn", {"reason": "pensiun dini"}),
                ("ministerial_approval_recorded", {"letter": "100.2.2.6/1234/OTDA", "date": "2025-05-01"})],
    "open_selection": [("cancelled", {"reason": "pelamar tidak mencukupi"}),
                       ("applicant_withdrawn", {"nip": APPLICANTS[2][0], "reason": "mutasi ke provinsi"}),
                       ("registration_extended", {"days": 7, "reason": "pelamar kurang dari 4"}),
                       ("ministerial_approval_recorded", {"letter": "100.2.2.6/1234/OTDA", "date": "2025-05-01"})],
}


def write(dirname, name, text):
    d = os.path.join(HERE, "corpus", dirname)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "w", encoding="utf-8") as f:
        f.write(text)


def payload_seeds():
    paths = {"mutation": mutation_path(), "job_fit": job_fit_path(), "open_selection": selection_path()}
    for wf, steps in paths.items():
        seen = set()
        for event, _, payload in steps + [(e, "admin", p) for e, p in EXTRA[wf]]:
            if event in seen:
                continue
            seen.add(event)
            write("fuzz_payload", f"{wf}-{event}", f"{wf} {event} 2025-06-03T10:00\n{j(payload)}")
    # Wrong types, as a hostile API client sends them.
    write("fuzz_payload", "mutation-opened-types", 'mutation opened\n{"nip":197603152005011002,"name":true,'
          '"grade":"jpt_pratama","post":{"a":1},"inaugurated_at":"2020-02-30","profile":null}')
    write("fuzz_payload", "selection-score-nonfinite", 'open_selection score_recorded\n{"nip":"1","component":"paper","value":1e999}')


def engine_seeds():
    def script(lines):
        return "".join(lines)

    def case_lines(target, steps, start="2025-06-02T09:00", day_step=False):
        out = []
        for i, (event, role, payload) in enumerate(steps):
            when = start if i == 0 else "2025-06-03T10:00"
            out.append(f"{target if i == 0 else '#0'} {event} {role} {when} {j(payload)}\n")
        return out

    m = case_lines("new:mutation", mutation_path())
    write("fuzz_engine", "mutation-completed", script(m))
    write("fuzz_engine", "mutation-with-timers", script(m[:9] + ["fire 2025-06-20T16:00\n", "fire 2025-07-31T16:00\n",
                                                              '#0 records_completed admin 2025-08-01T09:00 {}\n']))
    write("fuzz_engine", "mutation-corrected", script(m[:3] + [
        '#0 corrected admin 2025-06-03T10:00 {"of":1,"field":"name","value":"Drs. Ahmad Fauzy, M.Si","reason":"salah ketik"}\n',
        '#0 corrected admin 2025-06-03T10:00 {"of":1,"field":"inaugurated_at","value":"2024-01-06","reason":"salah tanggal"}\n',
        '#0 corrected admin 2025-06-03T10:00 {"of":2,"field":"value","value":"baik","reason":"x"}\n'] + m[3:]))
    write("fuzz_engine", "mutation-refusals", script([
        "new:mutation opened admin 2025-06-02T09:00 " + j(dict(OFFICIAL, inaugurated_at="2024-06-01")) + "\n",
        "#0 ppk_decided admin 2025-06-03T10:00 {}\n",
        "#0 records_completed admin 2025-06-03T10:00 {}\n",
        '#0 withdrawn admin/key-1 2025-06-03T10:00 {"reason":"pensiun"}\n',
        '#0 withdrawn admin/key-1 2025-06-03T10:00 {"reason":"pensiun"}\n',
        '#0 withdrawn admin/key-1 2025-06-03T10:00 {"reason":"lain"}\n',
        "MUT-999999 records_completed admin - {}\n"]))
    write("fuzz_engine", "job-fit-rotate", script(case_lines("new:job_fit", job_fit_path("rotate")) +
                                                ["#1 record_added admin 2025-06-04T10:00 {\"item\":\"skp\",\"value\":\"baik\"}\n"]))
    write("fuzz_engine", "job-fit-keep", script(case_lines("new:job_fit", job_fit_path("keep"))))
    write("fuzz_engine", "open-selection-completed", script(case_lines("new:open_selection", selection_path(), "2025-02-03T09:00")))
    write("fuzz_engine", "two-cases", script(
        case_lines("new:mutation", mutation_path()[:3]) +
        [f"new:open_selection opened admin 2025-06-02T09:30 {j(SELECTION)}\n",
         '#1 cancelled admin 2025-06-04T09:00 {"reason":"dibatalkan"}\n',
         '#1 corrected admin 2025-06-04T09:10 {"of":2,"field":"reason","value":"batal","reason":"x"}\n',
         "clock 2025-07-01T00:00\n", "fire 2025-07-01T16:00\n"]))


def http_seeds():
    def req(method, target, body=None, token="admin-secret", headers=None, close=False):
        h = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1"]
        if token:
            h.append(f"Authorization: Bearer {token}")
        for k, v in (headers or {}).items():
            h.append(f"{k}: {v}")
        b = b""
        if body is not None:
            b = (body if isinstance(body, str) else j(body)).encode()
            h += ["Content-Type: application/json", f"Content-Length: {len(b)}"]
        if close:
            h.append("Connection: close")
        return ("\r\n".join(h) + "\r\n\r\n").encode() + b

    def ev(event, payload=None, at="2025-06-03T10:00", reason="test"):
        b = {"event": event, "reason": reason, "at": at}
        if payload is not None:
            b["payload"] = payload
        return b

    opened = dict(OFFICIAL, workflow="mutation", at="2025-06-02T09:00")
    seeds = {
        "healthz-metrics": req("GET", "/healthz", token=None) + req("GET", "/metrics", token=None) + req("GET", "/", token=None),
        "workflows": req("GET", "/api/workflows") + req("GET", "/api/workflows/open_selection") + req("GET", "/api/workflows/nope"),
        "open-and-advance": req("POST", "/api/cases", opened, headers={"Idempotency-Key": "k-1"})
        + req("POST", "/api/cases", opened, headers={"Idempotency-Key": "k-1"})
        + req("POST", "/api/cases/MUT-000001/events", ev("record_added", {"item": "skp", "value": "baik"}), headers={"If-Match": '"1"'})
        + req("POST", "/api/cases/MUT-000001/events", ev("records_completed"), headers={"If-Match": '"2"'})
        + req("GET", "/api/cases/MUT-000001") + req("GET", "/api/cases/MUT-000001/history")
        + req("GET", "/api/cases?workflow=mutation&state=record_gathering&sort=due&limit=10&unit=Dinas%20Pendidikan")
        + req("GET", "/api/audit/verify?case=MUT-000001", token="auditor-secret"),
        "refusals": req("POST", "/api/cases", {"workflow": "mutation", "nip": "123"})
        + req("POST", "/api/cases", "{not json") + req("DELETE", "/api/cases")
        + req("POST", "/api/cases/MUT-000009/events", ev("records_completed"))
        + req("GET", "/api/audit/verify") + req("GET", "/api/cases", token="wrong")
        + req("POST", "/api/cases/MUT-000001/events", ev("ppk_decided", {"decision": "approve"}), token="ppk-secret", close=True),
        "selection": req("POST", "/api/cases", dict(SELECTION, workflow="open_selection", at="2025-02-03T09:00"))
        + req("POST", "/api/cases/SEL-000001/events", ev("cancelled", {"reason": "batal"}))
        + req("POST", "/api/cases/SEL-000001/events",
              ev("corrected", {"of": 2, "field": "reason", "value": "dibatalkan", "reason": "salah ketik"})),
        "chunked": b"POST /api/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer admin-secret\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n5\r\n{\"wor\r\n0\r\n\r\n",
    }
    d = os.path.join(HERE, "corpus", "fuzz_http")
    os.makedirs(d, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    payload_seeds()
    engine_seeds()
    http_seeds()
