from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from todo_chatbot.domain.errors import InvalidInput
from todo_chatbot.domain.tasks import (
    Priority,
    due_key,
    normalise_tags,
    parse_due,
    slugify_tag,
    validate_changes,
    validate_new_task,
)


def problems_of(raw: dict[str, object]) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        validate_new_task(raw)
    return {p.field: p.message for p in caught.value.problems}


def test_title_is_trimmed_and_inner_whitespace_collapsed() -> None:
    assert validate_new_task({"title": "  Buy \t milk  "}).title == "Buy milk"


@pytest.mark.parametrize("title", ["", "   ", "x" * 201, 42, None])
def test_bad_titles_are_refused(title: object) -> None:
    assert "title" in problems_of({"title": title})


def test_title_of_exactly_200_characters_is_fine() -> None:
    assert len(validate_new_task({"title": "x" * 200}).title) == 200


def test_missing_title_is_named() -> None:
    assert problems_of({"priority": "high"}) == {"title": "is required"}


def test_every_bad_field_is_reported_at_once() -> None:
    problems = problems_of(
        {
            "title": "ok",
            "priority": "urgent",
            "due": "tomorrow",
            "remind_at": "2026-11-24T10:00:00",
            "recurrence": "EVERY=DAY",
            "description": "d" * 4001,
            "tags": ["ok", 3],
        }
    )
    assert set(problems) == {
        "priority",
        "due",
        "remind_at",
        "recurrence",
        "description",
        "tags",
    }
    assert "offset" in problems["remind_at"]


def test_unknown_field_is_refused() -> None:
    assert problems_of({"title": "x", "colour": "red"}) == {"colour": "is not a task field"}


def test_defaults() -> None:
    fields = validate_new_task({"title": "x"})
    assert fields.priority is Priority.medium
    assert fields.tags == []
    assert fields.due is None and fields.recurrence is None and fields.description == ""


@pytest.mark.parametrize("raw", ["HIGH", " high ", "High"])
def test_priority_is_case_insensitive(raw: str) -> None:
    assert validate_new_task({"title": "x", "priority": raw}).priority is Priority.high


def test_tags_are_slugged_lowercased_and_deduplicated() -> None:
    assert normalise_tags(["#Work", "work", "Home Office", "a_b", "x!y"]) == [
        "work",
        "home-office",
        "a_b",
        "xy",
    ]


def test_tags_from_a_comma_string() -> None:
    assert normalise_tags("home, Errands") == ["home", "errands"]


def test_at_most_twenty_tags() -> None:
    with pytest.raises(ValueError, match="at most 20"):
        normalise_tags([f"t{i}" for i in range(21)])
    assert len(normalise_tags([f"t{i}" for i in range(20)])) == 20


def test_tag_with_nothing_usable_is_refused() -> None:
    with pytest.raises(ValueError, match="not a usable tag"):
        normalise_tags(["!!!"])


@given(st.lists(st.text(max_size=30), max_size=25))
def test_tags_are_always_slugs_or_a_clear_error(raw: list[str]) -> None:
    try:
        tags = normalise_tags(raw)
    except ValueError:
        return
    assert len(tags) == len(set(tags)) <= 20
    for tag in tags:
        assert tag == slugify_tag(tag) and tag == tag.lower() and tag


def test_date_is_all_day_and_instant_keeps_its_offset() -> None:
    assert parse_due("2026-11-24") == date(2026, 11, 24)
    instant = parse_due("2026-11-24T17:00:00-05:00")
    assert isinstance(instant, datetime)
    assert instant.utcoffset() == timedelta(hours=-5)
    assert parse_due("2026-11-24T22:00:00Z") == instant


@pytest.mark.parametrize(
    "raw", ["2026-02-30", "2026-13-01", "24/11/2026", "2026-11-24T17:00:00", "soon", 5]
)
def test_bad_dues_are_refused(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_due(raw)


def test_leap_day_is_a_date_only_in_leap_years() -> None:
    assert parse_due("2028-02-29") == date(2028, 2, 29)
    with pytest.raises(ValueError):
        parse_due("2027-02-29")


def test_all_day_due_counts_until_the_end_of_its_day() -> None:
    key = due_key(date(2026, 11, 24))
    assert key is not None
    assert datetime(2026, 11, 24, 23, 59, tzinfo=UTC) < key < datetime(2026, 11, 25, tzinfo=UTC)


@given(st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))])))
def test_instant_due_key_is_the_same_moment(moment: datetime) -> None:
    assert due_key(moment) == moment


def test_changes_keep_only_given_fields_and_allow_clearing() -> None:
    changes = validate_changes({"due": None, "tags": ["A"]}).values()
    assert changes == {"due": None, "tags": ["a"]}


@pytest.mark.parametrize("field", ["title", "priority"])
def test_required_fields_cannot_be_cleared(field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_changes({field: None})
    assert caught.value.problems[0].field == field
