"""The differential suite: sim_db against MySQL 8's recorded answers, statement by statement.

The corpus is ``tests/fidelity/cases/*.sql``; the answers, recorded from a real MariaDB and
corrected to MySQL 8 where the two differ, are ``tests/fidelity/expected/*.json``
(``.venv/bin/python tools/refresh_fidelity.py`` records them again). Statements sim_db does not
answer correctly yet are listed in ``tests/fidelity/known_gaps.json`` and expected to fail,
strictly: a fix makes them pass, which fails the suite until the entry is removed.
Figures: ``.venv/bin/python tools/fidelity_report.py``.
"""

from __future__ import annotations

import functools

import pytest

from fidelity import harness


@functools.lru_cache(maxsize=None)
def sim_outcomes(name: str) -> tuple:
    """Each corpus file runs once, in order, on a fresh server; its statements are checked one
    by one (a statement's outcome depends on those before it, as in a real session)."""
    return tuple(harness.run_sim_db(name))


def _cases():
    gaps = harness.load_known_gaps()
    for name in harness.case_files():
        expected = harness.load_expected(name)
        for index, want in enumerate(expected):
            key = harness.statement_id(name, index)
            marks = []
            if key in gaps:
                marks.append(pytest.mark.xfail(strict=True, reason=gaps[key]["reason"]))
            yield pytest.param(name, index, want, id=key, marks=marks)


@pytest.mark.parametrize("name, index, want", list(_cases()))
def test_statement(name, index, want):
    got = sim_outcomes(name)[index]
    assert got["sql"] == want["sql"], "the corpus changed: run tools/refresh_fidelity.py"
    problems = harness.differences(want, got)
    assert not problems, f"{want['sql']}\n" + "\n".join(problems)


def test_corpus_and_expectations_agree():
    """Every corpus file is recorded, statement for statement."""
    for name in harness.case_files():
        recorded = [o["sql"] for o in harness.load_expected(name)]
        assert recorded == harness.statements(name), f"{name}: run tools/refresh_fidelity.py"


def test_known_gaps_name_real_statements():
    """A gap entry names its statement's text, so a renumbered corpus cannot mislabel one."""
    for key, gap in harness.load_known_gaps().items():
        name, _, number = key.rpartition(":")
        assert harness.statements(name)[int(number) - 1] == gap["sql"], key
        assert gap["reason"].strip(), key


def test_overrides_cite_the_mysql_manual():
    overrides = harness.load_overrides()
    for entry in [*overrides["rules"], *overrides["statements"].values()]:
        assert entry["source"].startswith("https://dev.mysql.com/doc/"), entry
