"""Two and three reviewers on one machine, as new users would work: each
library is used only through the command line in its own processes; one
plain shared folder, and separately one git repository with a bare remote.
Everyone judges the same recommendations offline at the same time, then
syncs (at the same time too); a sync is killed half-way and the next one
completes."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git binary")

NAMES = {"anna": "Anna de Vries", "bram": "Bram Jansen", "cor": "Cor Bakker"}
# What each reviewer judges (recommendation label -> stance); 'none' is "no response".
PLAN = {
    "anna": {"1a": "accepted", "1b": "partial", "2a": "rejected", "2b": "none"},
    "bram": {"1a": "accepted", "1b": "rejected", "2a": "rejected", "2b": "noted"},
    "cor": {"1a": "partial", "1b": "rejected", "2a": "rejected"},
}


def cli(root, who, *args, check=True, timeout=180):
    env = dict(os.environ, KANTTEKENING_AUTHOR=NAMES[who])
    proc = subprocess.run([sys.executable, "-m", "app", "--library", str(root), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    if check:
        assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
    return proc


def spawn(root, who, *args):
    env = dict(os.environ, KANTTEKENING_AUTHOR=NAMES[who])
    return subprocess.Popen([sys.executable, "-m", "app", "--library", str(root), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def all_at_once(jobs):
    procs = [spawn(*job) for job in jobs]
    for job, p in zip(jobs, procs):
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, (job, out, err)


def judgements(root, who):
    data = json.loads(cli(root, who, "recommendations", "list", "--json").stdout)
    out = set()
    for rec in data["recommendations"]:
        for r in rec["responses"]:
            out.add((rec["label"], r["author"], r["author_id"], r["stance"]))
    return data, out


def expected(reviewers):
    return {(label, NAMES[w], w, stance) for w in reviewers for label, stance in PLAN[w].items()}


def setup_reviewers(tmp_path, template, reviewers, folders):
    roots = {}
    for who in reviewers:
        roots[who] = tmp_path / f"lib-{who}"
        shutil.copytree(template, roots[who])
        cli(roots[who], who, "team", "whoami", "--id", who)
    first = reviewers[0]
    # The first reviewer marks the recommendations and one response passage, and shares them.
    cli(roots[first], first, "recommendations", "detect", "iob-evaluatie", "--apply")
    cli(roots[first], first, "recommendations", "suggest", "1a", "--in", "kabinetsreactie",
        "--link", "1", "--stance", PLAN[first]["1a"])
    for who in reviewers:
        cli(roots[who], who, "team", "join", str(folders[who]))
    for who in reviewers[1:]:  # they receive the recommendations
        cli(roots[who], who, "team", "sync")
    return roots


def judge_offline(roots, reviewers):
    data, _ = judgements(roots[reviewers[0]], reviewers[0])
    response = next(r["responses"][0]["response"]["id"] for r in data["recommendations"] if r["label"] == "1a")
    jobs = []
    for who in reviewers:
        script = []
        for label, stance in PLAN[who].items():
            if who == reviewers[0] and label == "1a":
                continue  # judged while marking the response
            target = "none" if stance == "none" else response
            script.append((roots[who], who, "link", target, label, "--stance", stance))
        jobs.append(script)
    # Every reviewer works at the same time, one command after the other.
    procs = []
    for script in jobs:
        procs.append(subprocess.Popen(
            [sys.executable, "-c", _RUN_SCRIPT, json.dumps([[str(a) for a in job] for job in script])],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=dict(os.environ, TEAM_NAMES=json.dumps(NAMES)),
        ))
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, (out, err)


_RUN_SCRIPT = """
import json, os, subprocess, sys
names = json.loads(os.environ["TEAM_NAMES"])
for root, who, *args in json.loads(sys.argv[1]):
    env = dict(os.environ, KANTTEKENING_AUTHOR=names[who])
    p = subprocess.run([sys.executable, "-m", "app", "--library", root, *args], env=env,
                       capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"{args}: {p.stderr}")
"""


def converge(roots, reviewers):
    all_at_once([(roots[w], w, "team", "sync") for w in reviewers])  # at the same time
    for w in reviewers:  # and once more each, to receive what the others pushed meanwhile
        cli(roots[w], w, "team", "sync")


def check_everyone_sees_everything(roots, reviewers):
    want = expected(reviewers)
    for who in reviewers:
        data, got = judgements(roots[who], who)
        assert got == want, who
        per_rec = {}
        for rec in data["recommendations"]:
            per_rec.setdefault(rec["label"], 0)
            per_rec[rec["label"]] += 1
        assert max(per_rec.values()) == 1  # no recommendation duplicated
    # A second sync changes nothing anywhere.
    for who in reviewers:
        out = json.loads(cli(roots[who], who, "team", "sync", "--json").stdout)
        assert not out["written"] and all(a["judgements"] == 0 and a["annotations"] == 0
                                          for a in out["arrivals"]), (who, out)


def check_agreement_three(roots):
    data = json.loads(cli(roots["anna"], "anna", "team", "agreement", "--json").stdout)
    # By hand: units 1a (acc, acc, partial), 1b (partial, rej, rej), 2a (rej x3), 2b (none, noted).
    assert data["units"] == 4
    assert data["agreement"] == 0.25
    from app.team.agreement import ORDER, cohen_kappa, krippendorff_alpha

    units = [["accepted", "accepted", "partial"], ["partial", "rejected", "rejected"],
             ["rejected"] * 3, ["none", "noted"]]
    assert data["alpha_nominal"] == round(krippendorff_alpha(units, "nominal"), 4)
    assert data["alpha_ordinal"] == round(krippendorff_alpha(units, "ordinal", list(reversed(ORDER))), 4)
    ab = next(p for p in data["pairs"] if set(p["reviewers"]) == {"anna", "bram"})
    assert ab["kappa"] == round(cohen_kappa([("accepted", "accepted"), ("partial", "rejected"),
                                             ("rejected", "rejected"), ("none", "noted")]), 4)
    assert [d["label"] for d in data["disagreements"]][0] == "1b"  # partial vs rejected is furthest apart


def resolve_and_check(roots, reviewers):
    cli(roots["bram"], "bram", "team", "agree", "1b", "--stance", "partial", "--note", "besproken",
        "--by", "Anna, Bram, Cor")
    for who in ["bram"] + [w for w in reviewers if w != "bram"]:
        cli(roots[who], who, "team", "sync")
    for who in reviewers:
        data, _ = judgements(roots[who], who)
        rec = next(r for r in data["recommendations"] if r["label"] == "1b")
        assert rec["stance"] == "partial" and rec["agreed"]["agreed_by"] == "Anna, Bram, Cor", who


def folder_of(roots, who):
    data = json.loads(cli(roots[who], who, "team", "status", "--json").stdout)
    from pathlib import Path

    return Path(data["folder"])


def kill_mid_sync_then_complete(roots, who, others):
    """New judgements of ``who`` are shared although syncs are killed half-way."""
    data, _ = judgements(roots[who], who)
    for rec in data["recommendations"]:
        if rec["label"] in ("3a", "3b-1", "3d-1"):
            cli(roots[who], who, "link", "none", rec["label"], "--stance", "none")
    # Killed right after it rewrote its own files (before git commit/push or
    # the merge of the others' files), then a teammate's sync killed at
    # several moments of its merge.
    own = folder_of(roots, who) / "reviewers" / who / "annotations"
    before = {p.name: p.stat().st_mtime_ns for p in own.iterdir()}
    p = spawn(roots[who], who, "team", "sync")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and p.poll() is None:
        now = {q.name: q.stat().st_mtime_ns for q in own.iterdir() if not q.name.startswith(".")}
        if now != before:
            break
        time.sleep(0.01)
    os.kill(p.pid, signal.SIGKILL)
    p.communicate(timeout=60)
    killed = [p.returncode == -signal.SIGKILL]
    for delay in (0.8, 1.6):
        q = spawn(roots[others[0]], others[0], "team", "sync")
        time.sleep(delay)
        os.kill(q.pid, signal.SIGKILL)
        q.communicate(timeout=60)
        killed.append(q.returncode == -signal.SIGKILL)
    assert any(killed)  # at least one sync really died half-way
    cli(roots[who], who, "team", "sync")
    for o in others:
        cli(roots[o], o, "team", "sync")
        _, got = judgements(roots[o], o)
        assert {(l, s) for l, _, a, s in got if a == who and l.startswith("3")} == {
            ("3a", "none"), ("3b-1", "none"), ("3d-1", "none")}
        assert cli(roots[o], o, "check").returncode == 0


def test_three_reviewers_plain_shared_folder(_sample_library_template, tmp_path):
    reviewers = ["anna", "bram", "cor"]
    folder = tmp_path / "Gedeeld" / "IOB-review"
    folder.mkdir(parents=True)
    roots = setup_reviewers(tmp_path, _sample_library_template, reviewers, {w: folder for w in reviewers})
    judge_offline(roots, reviewers)
    converge(roots, reviewers)
    check_everyone_sees_everything(roots, reviewers)
    check_agreement_three(roots)
    resolve_and_check(roots, reviewers)
    kill_mid_sync_then_complete(roots, "cor", ["anna", "bram"])
    own = {p.relative_to(folder).parts[1] for p in folder.rglob("*.jsonld")}
    assert own == set(reviewers)  # each wrote only in its own folder


def test_two_reviewers_git_with_a_bare_remote(_sample_library_template, tmp_path):
    reviewers = ["anna", "bram"]
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    clones = {}
    for who in reviewers:
        clones[who] = tmp_path / f"clone-{who}"
        subprocess.run(["git", "clone", "-q", str(remote), str(clones[who])], check=True,
                       capture_output=True)
    roots = setup_reviewers(tmp_path, _sample_library_template, reviewers, clones)
    judge_offline(roots, reviewers)
    converge(roots, reviewers)
    check_everyone_sees_everything(roots, reviewers)
    data = json.loads(cli(roots["bram"], "bram", "team", "agreement", "--json").stdout)
    # By hand: 1a (acc, acc), 1b (partial, rej), 2a (rej, rej), 2b (none, noted): 2 of 4 agree;
    # kappa: po 0.5, pe (1*1 + 1*0 + 1*2 + 0 + 0)/16 = 3/16 -> (0.5 - 0.1875) / 0.8125 = 0.3846.
    assert data["agreement"] == 0.5 and data["kappa"] == 0.3846
    kill_mid_sync_then_complete(roots, "bram", ["anna"])
    log = subprocess.run(["git", "-C", str(remote), "log", "--format=%s", "--all"], capture_output=True,
                         text=True, check=True).stdout
    assert "Anna de Vries" in log and "Bram Jansen" in log
    for who in reviewers:
        st = json.loads(cli(roots[who], who, "team", "status", "--json").stdout)
        assert st["git"] and st["uncommitted"] == 0 and not st["not_merged_yet"]
