"""Map colour classes (ovop_core.classing): natural breaks, quantiles and star bands, from tiny arrays
with breaks computed by hand."""

import itertools

import numpy as np
import pytest

from ovop_core import classing

NAN = float("nan")


def within_ssd(values: np.ndarray, classes: classing.Classes) -> float:
    index = classes.classify(values)
    return sum(float(((values[index == c] - values[index == c].mean()) ** 2).sum()) for c in range(classes.k))


def test_natural_breaks_split_at_the_largest_gap():
    classes = classing.jenks_breaks([12, 1, 11, 2, 10, 3], 2)
    assert classes.ranges == ((1, 3), (10, 12))
    assert classes.counts == (3, 3)
    assert classes.lows == (1, 10)


def test_natural_breaks_minimise_the_within_class_squared_deviation():
    # {1,2,4}{7,11}: 4.67 + 8 = 12.67, less than {1}{2,4,7,11} 46, {1,2}{4,7,11} 25.2, {1,2,4,7}{11} 21.
    classes = classing.jenks_breaks([1, 2, 4, 7, 11], 2)
    assert classes.ranges == ((1, 4), (7, 11))
    assert within_ssd(np.array([1, 2, 4, 7, 11.0]), classes) == pytest.approx(12 + 2 / 3)


def test_natural_breaks_are_exact_against_every_possible_partition():
    rng = np.random.default_rng(7)
    for _ in range(150):
        values = np.round(rng.normal(50, 10, rng.integers(1, 10)), int(rng.integers(0, 2)))
        k = int(rng.integers(1, 6))
        classes = classing.jenks_breaks(values, k)
        distinct = np.unique(values)
        kk = min(k, len(distinct))
        best = min(
            sum(float(((g - g.mean()) ** 2).sum()) for g in np.split(np.sort(values), cuts))
            for cuts in (
                [int(np.searchsorted(np.sort(values), distinct[c])) for c in combo]
                for combo in itertools.combinations(range(1, len(distinct)), kk - 1)
            )
        )
        assert classes.k == kk
        assert within_ssd(values, classes) == pytest.approx(best, abs=1e-9)


def test_few_distinct_values_give_fewer_classes_never_empty_or_duplicated():
    classes = classing.jenks_breaks([5, 1, 1, 9, 1, 5], 5)
    assert classes.ranges == ((1, 1), (5, 5), (9, 9))
    assert classes.counts == (3, 2, 1)
    assert len(set(classes.lows)) == classes.k


def test_all_equal_values_make_one_class():
    for method in ("jenks", "quantile"):
        classes = classing.classes_for([4.0, 4.0, 4.0], method, 5)
        assert classes.ranges == ((4.0, 4.0),)
        assert classes.counts == (3,)
        assert classes.classify([4.0]).tolist() == [0]


def test_no_data_belongs_to_no_class_and_is_counted_apart():
    classes = classing.jenks_breaks([NAN, 1, 2, 10], 2)
    assert classes.ranges == ((1, 2), (10, 10))
    assert classes.missing == 1
    assert classes.classify([NAN, 1, 10]).tolist() == [-1, 0, 1]
    empty = classing.quantile_breaks([NAN, NAN], 5)
    assert empty.k == 0 and empty.missing == 2
    assert empty.classify([NAN]).tolist() == [-1]


def test_a_value_between_or_beyond_the_classes_goes_to_the_nearest_lower_or_end_class():
    classes = classing.jenks_breaks([1, 2, 3, 10, 11, 12], 2)
    assert classes.classify([5, 0, 10, 99]).tolist() == [0, 0, 1, 1]


def test_quantiles_put_about_the_same_number_of_regions_in_each_class():
    classes = classing.quantile_breaks(np.arange(10, 0, -1), 5)
    assert classes.ranges == ((1, 2), (3, 4), (5, 6), (7, 8), (9, 10))
    assert classes.counts == (2, 2, 2, 2, 2)


def test_quantiles_keep_equal_values_together():
    # Positions 0..5 aim at classes 0,0,1,1,2,2; the four 1s follow their first (class 0), and
    # class 1 is left empty, so it is dropped rather than shown without a region.
    classes = classing.quantile_breaks([1, 1, 3, 1, 2, 1], 3)
    assert classes.ranges == ((1, 1), (2, 3))
    assert classes.counts == (4, 2)


def test_star_bands_are_fixed_and_50_is_three_stars():
    classes = classing.star_bands([29.999999999999, 30.0, 49.99, 50.0, 95.0, NAN])
    assert classes.ranges == ((0, 30), (30, 50), (50, 70), (70, 90), (90, 100))
    assert classes.counts == (0, 3, 1, 0, 1)
    assert classes.missing == 1
    assert classes.classify([49.99, 50.0, 100.0]).tolist() == [1, 2, 4]


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError):
        classing.classes_for([1.0], "equal")


def test_thousands_of_values_are_classed_exactly_into_contiguous_classes():
    values = np.random.default_rng(3).normal(60, 8, 7300)
    classes = classing.jenks_breaks(values, 6)
    index = classes.classify(values)
    assert classes.k == 6 and sum(classes.counts) == 7300
    assert np.bincount(index).tolist() == list(classes.counts)
    highs = [high for _, high in classes.ranges]
    assert all(highs[c] < classes.lows[c + 1] for c in range(5))
