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

import datetime

from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support import exception
from tests import base


class BundledCalendarTest(base.TestCase):
    """The bundled calendar and its arithmetic."""

    def setUp(self):
        super().setUp()
        self.calendar = release_calendar.bundled_calendar()

    def test_covers_austin_to_indri_in_order(self):
        """Every series from austin to indri, in release order."""
        labels = [s.label for s in self.calendar.series]
        self.assertEqual('austin', labels[0])
        self.assertEqual('indri', labels[-1])
        self.assertEqual(35, len(labels))
        dates = [s.release_date for s in self.calendar.series]
        self.assertEqual(sorted(dates), dates)

    def test_name_and_id_in_any_case(self):
        """'epoxy', 'EPOXY' and '2025.1' are the same series."""
        self.assertIs(self.calendar.get('epoxy'), self.calendar.get('2025.1'))
        self.assertIs(self.calendar.get('EPOXY'), self.calendar.get('epoxy'))
        self.assertEqual(datetime.date(2024, 10, 2),
                         self.calendar.get('Dalmatian').release_date)

    def test_series_arithmetic_past_the_table(self):
        """indri + 2 is 2028.1, with an estimated release date."""
        later = self.calendar.offset('indri', 2)
        self.assertEqual('2028.1', later.id)
        self.assertIsNone(later.name)
        self.assertEqual('2028.1', later.label)
        self.assertTrue(later.estimated)
        self.assertIs(later, self.calendar.get('2028.1'))
        self.assertEqual('2027.2', self.calendar.offset('indri', 1).id)
        self.assertGreater(later, self.calendar.get('indri'))

    def test_offset_within_the_table(self):
        """bobcat + 2 is dalmatian; liberty - 1 is kilo."""
        self.assertEqual('dalmatian',
                         self.calendar.offset('bobcat', 2).name)
        self.assertEqual('kilo', self.calendar.offset('liberty', -1).name)

    def test_unknown_series(self):
        """An unknown name gives one clear error that names it."""
        error = self.assertRaises(exception.CalendarError,
                                  self.calendar.get, 'zebra')
        self.assertIn("'zebra'", str(error))
        self.assertRaises(exception.CalendarError, self.calendar.get,
                          '2027.3')
        self.assertRaises(exception.CalendarError, self.calendar.offset,
                          'austin', -1)

    def test_under_development(self):
        """A cycle runs from the day after the previous release."""
        get = self.calendar.under_development
        self.assertEqual('caracal', get('2024-01-10').name)
        self.assertEqual('dalmatian', get('2024-10-02').name)
        self.assertEqual('epoxy', get('2024-10-03').name)
        self.assertEqual('indri', get('2026-11-27').name)
        self.assertEqual('2027.2', get('2027-06-01').id)

    def test_versions_in_the_table(self):
        """Versions map to the series that released them."""
        for_version = self.calendar.for_version
        self.assertEqual('epoxy', for_version('15.0.0').name)
        self.assertEqual('epoxy', for_version('16.1.2').name)
        self.assertEqual('zed', for_version('14.0.3').name)
        self.assertEqual('antelope', for_version('14.1.0').name)
        self.assertEqual('hibiscus', for_version('18.2.1').name)
        self.assertEqual('mitaka', for_version('3.1.0').name)

    def test_18_3_1_is_a_hibiscus_stable_release(self):
        """stable/2026.2 was cut at 18.3.0: 18.3.1 is hibiscus, exactly."""
        mapping = self.calendar.map_version('18.3.1')
        self.assertEqual(('hibiscus', True),
                         (mapping.series.name, mapping.exact))
        self.assertEqual('hibiscus', self.calendar.for_version('18.3.1').name)

    def test_versions_newer_than_the_table(self):
        """Past the table the rule guesses, and says so."""
        stable = self.calendar.map_version('18.3.7')
        self.assertEqual(('hibiscus', False),
                         (stable.series.name, stable.exact))
        self.assertIn('a guess', stable.rule)
        self.assertIn('branch point 18.3.0', stable.rule)
        for version in ('18.4.0', '19.0.0'):
            later = self.calendar.map_version(version)
            self.assertEqual(('indri', False),
                             (later.series.name, later.exact), version)
            self.assertIn('the next series', later.rule)

    def test_unlisted_stable_release_is_a_guess(self):
        """zed lists 14.0.3 last; 14.0.4 is taken for zed, as a guess."""
        mapping = self.calendar.map_version('14.0.4')
        self.assertEqual(('zed', False), (mapping.series.name, mapping.exact))

    def test_newest_series_not_branched_yet(self):
        """Without a branch point, a newer version stays in the series."""
        table = [item for item in self.calendar.series
                 if item.name != 'indri']
        table[-1] = table[-1].replace(branch_version=None)
        calendar = release_calendar.Calendar(table)
        mapping = calendar.map_version('19.0.0')
        self.assertEqual(('hibiscus', False),
                         (mapping.series.name, mapping.exact))
        self.assertIn('no stable branch yet', mapping.rule)

    def test_far_future_is_an_error_not_a_crash(self):
        """9999-12-31 and 9999.1 give a CalendarError, no OverflowError."""
        error = self.assertRaises(exception.CalendarError,
                                  self.calendar.under_development,
                                  '9999-12-31')
        self.assertIn('past the end of the release calendar', str(error))
        self.assertRaises(exception.CalendarError, self.calendar.get,
                          '9999.1')
        self.assertRaises(exception.CalendarError, self.calendar.at,
                          len(self.calendar.series) +
                          release_calendar.MAX_ESTIMATED_SERIES)
        # Fifty years on is still estimated.
        self.assertTrue(self.calendar.get('2070.1').estimated)

    def test_ids_end_at_the_end(self):
        """A trailing newline does not make an id."""
        self.assertRaises(exception.CalendarError, self.calendar.get,
                          '2028.1\nx')

    def test_bad_versions(self):
        """A version that does not parse, or predates the calendar."""
        self.assertRaises(exception.CalendarError,
                          self.calendar.for_version, 'banana')
        self.assertRaises(exception.CalendarError,
                          self.calendar.for_version, '1.2.0')

    def test_version_shapes(self):
        """MAJOR.MINOR[.PATCH] at the start of the text, the rest ignored."""
        for text, expected in (('18.3.1', (18, 3, 1)),
                               ('018.03.1', (18, 3, 1)),
                               ('v18.3', (18, 3, 0)),
                               (' 18.3.1.dev4', (18, 3, 1)),
                               ('18.3.1rc1', (18, 3, 1)),
                               ('18.3.x', (18, 3, 0)),
                               ('\uff11\uff18.3.1', (18, 3, 1))):
            self.assertEqual(
                expected, release_calendar.parse_version(text), text)
        for text in ('banana', '18', '.3.1', '18..1', '\u00b9.2.3'):
            self.assertRaises(exception.CalendarError,
                              release_calendar.parse_version, text)

    def test_dates(self):
        """Dates parse from ISO strings and reject anything else."""
        self.assertEqual(datetime.date(2024, 7, 10),
                         release_calendar.add_months(
                             datetime.date(2024, 1, 10), 6))
        self.assertEqual(datetime.date(2024, 2, 29),
                         release_calendar.add_months(
                             datetime.date(2023, 8, 31), 6))
        error = self.assertRaises(exception.CalendarError,
                                  release_calendar.parse_date, '2024-13-01')
        self.assertIn('2024-13-01', str(error))


class CalendarFileTest(base.TestCase):
    """A calendar file that is out of order is refused."""

    def test_out_of_order(self):
        path = self.write_file('cal.yaml', """
            series:
              - {name: a, id: "2020.1", release_date: 2020-04-01}
              - {name: b, id: "2020.2", release_date: 2020-01-01}
            """)
        error = self.assertRaises(exception.ManifestError,
                                  release_calendar.load_calendar, path)
        self.assertIn('cal.yaml', str(error))
        self.assertIn('released before', str(error))
