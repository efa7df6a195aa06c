"""The side-by-side with django-helpdesk (bench/peers/): its options and its generator.

No network, no database, no helpdesk install: run.py's work needs both servers;
these only check what it is driven by.
"""

from __future__ import annotations

import pytest

from bench.peers import run, synthetic
from demo.data import catalogue

NOW = 1_764_547_200  # 2025-12-01 00:00 UTC


def test_run_defaults_to_ten_thousand_cases_and_two_workers():
    args = run.parse_args([])

    assert (args.cases, args.workers, args.days, args.fresh) == (10_000, 2, 48, False)
    assert args.civicdesk_db != args.helpdesk_db


def test_run_reads_its_options():
    args = run.parse_args(
        ["--cases", "100000", "--repeat", "9", "--fresh", "--json", "out.json", "--skip-intake"]
    )

    assert (args.cases, args.repeat, args.fresh, args.json, args.skip_intake) == (
        100_000,
        9,
        True,
        "out.json",
        True,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--cases", "0"],
        ["--cases", "many"],
        ["--workers", "0"],
        ["--intake-seconds", "0"],
        ["--civicdesk-db", "sqlite:///x.db"],
        ["--helpdesk-db", "postgres://postgres@127.0.0.1:5432/peers_civicdesk"],
    ],
)
def test_run_refuses_bad_options_with_a_message(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        run.parse_args(argv)

    assert exit_.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_the_generator_gives_the_same_requests_for_the_same_seed():
    first = list(synthetic.requests(500, seed=19, now=NOW, days=56, open_share=0.21))
    again = list(synthetic.requests(500, seed=19, now=NOW, days=56, open_share=0.21))
    other = list(synthetic.requests(500, seed=20, now=NOW, days=56, open_share=0.21))

    assert first == again
    assert first != other


def test_the_generator_draws_from_the_catalogue_oldest_first():
    made = list(synthetic.requests(2000, seed=19, now=NOW, days=56, open_share=0.21))
    services = {s.name: s for s in catalogue.SERVICES}

    assert [r.number for r in made] == list(range(1, 2001))
    assert [r.created for r in made] == sorted(r.created for r in made)
    assert all(NOW - 56 * 86400 <= r.created <= NOW for r in made)
    assert all(r.description in services[r.title].descriptions for r in made)
    assert {r.queue for r in made} <= set(synthetic.queues())


def test_about_the_asked_share_is_open_and_the_newest_most_often():
    made = list(synthetic.requests(4000, seed=19, now=NOW, days=56, open_share=0.21))
    share = sum(r.is_open for r in made) / len(made)
    older, newer = made[:2000], made[2000:]

    assert 0.18 < share < 0.24
    assert sum(r.is_open for r in newer) > sum(r.is_open for r in older)


def test_the_generator_refuses_bad_arguments():
    with pytest.raises(ValueError, match="open_share"):
        list(synthetic.requests(10, now=NOW, open_share=1.5))


def test_the_common_word_is_the_most_frequent_long_word():
    assert synthetic.common_word(["the deep Pothole", "a pothole again", "pothole, 2 big"]) == (
        "pothole"
    )
    assert synthetic.common_word(["deep pothole"]) == "deep"  # a tie: alphabetical
    assert synthetic.common_word([]) == "pothole"


def test_ratios_say_how_many_times_faster_civicdesk_is():
    assert run.ratio("dashboard", civicdesk=20.0, helpdesk=60.0) == 3.0
    assert run.ratio("intake: API POST (req/s)", civicdesk=90.0, helpdesk=30.0) == 3.0
    assert run.ratio("dashboard", civicdesk=40.0, helpdesk=20.0) == 0.5


def test_intake_sends_each_post_once_until_all_are_sent():
    intake = run.Intake([b"a", b"b", b"c", b"d", b"e"], 302)

    assert (intake.take(2), intake.take(2), intake.take(2)) == (
        [b"a", b"b"],
        [b"c", b"d"],
        [b"e", b"a"],
    )


def test_there_are_posts_enough_for_every_connection_of_every_run():
    args = run.parse_args(["--intake-repeat", "3", "--concurrency", "8"])

    assert run.posts_needed(args) == (2 + 3 * 8) * run.PER_WORKER
