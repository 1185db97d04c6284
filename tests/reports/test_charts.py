from reports.charts import Chart, Series, coverage_by_organisation
from reports.services.coverage import CoverageReport, CoverageRow


def widths(chart):
    return [bar["width"] for group in chart.layout()["groups"] for bar in group["bars"]]


def report(*shares):
    """A coverage report whose children have ``shares`` percent of 1000 members trained."""
    parent = type("Organisation", (), {"name": "Абайская", "pk": 1})()
    children = [
        CoverageRow(label=f"Комитет {n}", members=1000, counts={"member": share * 10},
                    organisation=type("Organisation", (), {"name": f"Комитет {n}", "pk": n + 2})())
        for n, share in enumerate(shares)
    ]
    total = CoverageRow(label="Итого", members=1000 * len(shares), counts={"member": sum(shares) * 10})
    return CoverageReport(organisation=parent, year=2026, by_organisation=children, total=total, by_year=[])


def test_a_chart_of_shares_runs_to_100_percent_not_to_its_largest_bar():
    chart = coverage_by_organisation(report(10, 20))

    assert widths(chart) == ["10.00", "20.00", "15.00"]
    assert chart.layout()["scale"]["end"].startswith("100")
    texts = [bar["text"] for group in chart.layout()["groups"] for bar in group["bars"]]
    assert texts == ["10.0%", "20.0%", "15.0%"]  # every bar carries its figure


def test_a_chart_of_counts_scales_to_its_largest_bar_and_groups_thousands():
    chart = Chart(key="k", title="t", description="d", labels=["a", "b"],
                  series=[Series("s", [12_000, 3_000])])

    assert widths(chart) == ["100.00", "25.00"]
    assert [bar["text"] for group in chart.layout()["groups"] for bar in group["bars"]] == ["12,000", "3,000"]
    assert chart.layout()["scale"] is None
