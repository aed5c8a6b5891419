import datetime

from early_help.shared.working_days import add_working_days, is_working_day


def test_weekends_are_skipped():
    friday = datetime.date(2026, 11, 27)
    assert add_working_days(friday, 1) == datetime.date(2026, 11, 30)


def test_england_bank_holidays_are_skipped():
    # Christmas Day and Boxing Day 2026 fall on Friday and Saturday; the substitute day is Monday 28th.
    assert not is_working_day(datetime.date(2026, 12, 25))
    assert not is_working_day(datetime.date(2026, 12, 28))
    assert add_working_days(datetime.date(2026, 12, 24), 1) == datetime.date(2026, 12, 29)


def test_scottish_only_holidays_are_working_days():
    assert is_working_day(datetime.date(2026, 11, 30))  # St Andrew's Day
