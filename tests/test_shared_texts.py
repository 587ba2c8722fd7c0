"""Tests that read the source texts beside the checkout (../shared) skip, saying why, where
those are absent, and fail in CI, where a skip would hide a check that did not run."""

from __future__ import annotations

import pytest

from .conftest import require_shared


def test_a_missing_shared_text_is_a_skip_with_its_reason(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"nowhere\.txt is absent"):
        require_shared(tmp_path / "nowhere.txt")


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_a_missing_shared_text_fails_in_ci(tmp_path, monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match=r"nowhere\.txt is absent"):
        require_shared(tmp_path / "nowhere.txt")


def test_a_present_shared_text_is_given_back(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    there = tmp_path / "here.txt"
    there.write_text("x")
    assert require_shared(there) == there
