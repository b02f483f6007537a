# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""The grace period on both sides of every cycle boundary.

"One full release cycle, or 6 months, whichever is longer": a driver that
becomes prospective on the first day of a cycle has that cycle as its full
cycle; one that becomes prospective a day later (or on the last day of the
previous cycle, a release day) does not.  The cases are generated over the
whole bundled calendar (every series from the policy's on, and a few
estimated series past the table), so that no boundary is left out.
"""

import datetime

import oslo_messaging_support as oms
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import rules
from tests import base

DAY = datetime.timedelta(days=1)


def _boundaries(calendar):
    """``(previous, series)`` pairs from the policy's cycle on.

    Every pair of the table, and three estimated series past it.
    """
    first = calendar.get(rules.POLICY_SERIES).index
    last = len(calendar.series) + 3
    return [(calendar.at(index - 1), calendar.at(index))
            for index in range(first, last)]


class CycleBoundaryTest(base.TestCase):

    def setUp(self):
        super().setUp()
        self.calendar = release_calendar.bundled_calendar()

    def deadline(self, day):
        return rules.prospective_terms(self.calendar, day).deadline

    def test_every_boundary_is_generated(self):
        pairs = _boundaries(self.calendar)
        self.assertEqual(('kilo', 'liberty'),
                         (pairs[0][0].label, pairs[0][1].label))
        labels = [series.label for _, series in pairs]
        for name in ('mitaka', 'dalmatian', 'epoxy', 'hibiscus', 'indri',
                     '2027.2'):
            self.assertIn(name, labels)

    def test_first_day_of_a_cycle_gets_that_cycle(self):
        for previous, series in _boundaries(self.calendar):
            first_day = previous.release_date + DAY
            self.assertEqual(
                max(release_calendar.add_months(first_day, 6),
                    series.release_date),
                self.deadline(first_day), series.label)

    def test_last_day_of_the_previous_cycle_gets_the_next(self):
        # The release day belongs to the released series' cycle: the first
        # full cycle after it is the one starting the next day.
        for previous, series in _boundaries(self.calendar):
            if previous < self.calendar.get(rules.POLICY_SERIES):
                continue  # before the policy; counted from its start
            last_day = previous.release_date
            self.assertEqual(
                max(release_calendar.add_months(last_day, 6),
                    series.release_date),
                self.deadline(last_day), previous.label)

    def test_second_day_of_a_cycle_waits_for_the_next_cycle(self):
        for _, series in _boundaries(self.calendar):
            second_day = self.calendar.at(series.index - 1).release_date + \
                2 * DAY
            following = self.calendar.at(series.index + 1)
            self.assertEqual(
                max(release_calendar.add_months(second_day, 6),
                    following.release_date),
                self.deadline(second_day), series.label)

    def test_no_jump_of_a_cycle_across_a_boundary(self):
        """One day later never costs a whole cycle at a boundary."""
        for previous, series in _boundaries(self.calendar):
            if previous < self.calendar.get(rules.POLICY_SERIES):
                continue
            before = self.deadline(previous.release_date)
            after = self.deadline(previous.release_date + DAY)
            self.assertLessEqual(before, after, series.label)
            self.assertLessEqual(after - before, 3 * DAY, series.label)

    def test_the_issue_example(self):
        """caracal's release day and the first day of dalmatian's cycle."""
        self.assertEqual(datetime.date(2024, 10, 3),
                         self.deadline('2024-04-03'))
        self.assertEqual(datetime.date(2024, 10, 4),
                         self.deadline('2024-04-04'))
        self.assertEqual(datetime.date(2025, 4, 2),
                         self.deadline('2024-04-05'))

    def test_due_is_the_series_under_development_after_the_deadline(self):
        for previous, series in _boundaries(self.calendar):
            first_day = previous.release_date + DAY
            terms = rules.prospective_terms(self.calendar, first_day)
            self.assertEqual(
                self.calendar.under_development(terms.deadline + DAY),
                terms.due, series.label)
            self.assertGreater(terms.due, series, series.label)


class AmqpTest(base.TestCase):
    """amqp, prospective when the policy took effect, was overdue."""

    def test_liberty_is_its_full_cycle(self):
        decision = oms.evaluate('amqp', release='liberty')
        self.assertEqual(('grace', '2015-11-01', 'mitaka'),
                         (decision.compliance, decision.deadline.isoformat(),
                          decision.deprecation_due.label))

    def test_overdue_at_mitaka(self):
        decision = oms.evaluate('amqp', release='mitaka')
        self.assertEqual('overdue', decision.compliance)
        self.assertIn('it missed its compliance deadline 2015-11-01',
                      decision.reason)
