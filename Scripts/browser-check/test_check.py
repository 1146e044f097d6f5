"""The figures check of check.py on small pages: it passes figures that agree, names those that do not,
and says so when a page gives it nothing to compare. Run by run.sh before the browser starts:
    python3 -m unittest discover -s Scripts/browser-check
"""

import unittest

from check import figures_problems

SUMMARY = """<main><p>coverage 0.50 = {reported} reported / 20 applicable</p>
<h2>By Article</h2><table><thead><tr><th>Article</th><th>Cells</th><th>Reported</th><th>Coverage</th><th>Impl</th>
<th>Partial</th><th>Planned</th><th>None</th><th>N/A</th><th>Not rep.</th></tr></thead>
<tbody><tr><td>Article 8</td><td>20</td><td>{reported}</td><td>0.50</td><td>4</td><td>3</td><td>2</td><td>1</td><td>0</td><td>10</td></tr></tbody></table></main>"""

OBLIGATION = """<main><p>coverage 0.05 = {reported} reported / 193 applicable</p><h2>Distribution</h2>
<table><tr><th>status</th><th>States</th></tr><tr><td>implemented</td><td>3</td></tr><tr><td>partial</td><td>1</td></tr>
<tr><td>no_measures</td><td>1</td></tr><tr><td>rated (external)</td><td>{external}</td></tr>
<tr><td>not_applicable</td><td>0</td></tr><tr><td>not_reported</td><td>100</td></tr></table></main>"""

STATE = """<main><p>coverage 0.5 = {reported} reported / 4 applicable</p><h2>Obligations</h2>
<table><tr><th>obligation</th><th>status</th></tr><tr><td>a</td><td>implemented</td></tr><tr><td>b</td><td>partial</td></tr>
<tr><td>c</td><td>not_reported</td></tr><tr><td>d</td><td>not reported</td></tr></table>
<h2>History</h2><table><tr><th>measure</th><th>status</th></tr><tr><td>1</td><td>planned</td></tr></table></main>"""


class FiguresTests(unittest.TestCase):
    def test_a_summary_whose_rows_add_up_passes_and_one_that_does_not_is_named(self):
        self.assertEqual(figures_problems("summary", SUMMARY.format(reported=10)), [])
        problems = figures_problems("summary", SUMMARY.format(reported=900))
        self.assertEqual(len(problems), 1)
        self.assertIn("'By Article', row 'Article 8': Reported 900, but its status columns sum to 10", problems[0])

    def test_an_obligation_distribution_counts_every_status_but_not_reported_and_not_applicable(self):
        self.assertEqual(figures_problems("obligation-x", OBLIGATION.format(reported=93, external=88)), [])
        self.assertIn("says 180 reported", figures_problems("obligation-x", OBLIGATION.format(reported=180, external=88))[0])

    def test_the_state_page_counts_its_obligations_table_not_its_history(self):
        self.assertEqual(figures_problems("state-FRA", STATE.format(reported=2)), [])
        self.assertIn("gives 2 obligations", figures_problems("state-FRA", STATE.format(reported=9))[0])

    def test_notes_that_count_otherwise_than_the_basis_line_are_named(self):
        page = SUMMARY.format(reported=10) + "<p>Basis: 5 on an outside body's rating</p><p>9 of them are scored from a directly linked rating</p>"
        self.assertEqual(figures_problems("summary", page), ["figures disagree: the Basis line counts 5 cells scored from an outside rating, the notes 9"])

    def test_a_page_with_nothing_to_compare_says_so(self):
        self.assertIn("found no coverage line", figures_problems("summary", "<main><p>Nothing here.</p></main>")[0])


if __name__ == "__main__":
    unittest.main()
