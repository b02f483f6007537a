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

import copy
import datetime
import pickle

from oslo_messaging_support.engine import driver_manifest
from oslo_messaging_support.engine import records
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import rules
from tests import base


def _series(**changes):
    values = dict(index=3, name='dalmatian', id='2024.2',
                  release_date=datetime.date(2024, 10, 2))
    values.update(changes)
    return release_calendar.Series(**values)


class RecordTest(base.TestCase):
    """The value objects behave as frozen dataclasses did."""

    def test_positional_keyword_and_defaults(self):
        """Fields by position or keyword; optional ones take defaults."""
        by_position = release_calendar.Series(3, 'dalmatian', '2024.2',
                                              datetime.date(2024, 10, 2))
        self.assertEqual(_series(), by_position)
        self.assertFalse(by_position.estimated)
        self.assertIsNone(by_position.first_version)
        self.assertEqual(frozenset(), rules.Settings().allowed_drivers)
        self.assertTrue(rules.Settings(True).allow_unsupported)

    def test_bad_arguments_are_refused(self):
        """Missing, unknown, repeated or too many arguments: TypeError."""
        self.assertRaises(TypeError, release_calendar.Series, 3, 'dalmatian')
        self.assertRaises(TypeError, _series, colour='blue')
        self.assertRaises(TypeError, release_calendar.Series, 3, index=3,
                          name='x', id=None, release_date=None)
        self.assertRaises(TypeError, rules.Settings, 1, 2, 3, 4)

    def test_immutable(self):
        """Setting or deleting a field raises AttributeError."""
        series = _series()
        self.assertRaises(AttributeError, setattr, series, 'name', 'x')
        self.assertRaises(AttributeError, delattr, series, 'name')
        self.assertRaises(AttributeError, setattr, series, 'other', 1)
        self.assertEqual('dalmatian', series.name)

    def test_uncompared_fields_left_out_of_eq_and_hash(self):
        """A series is equal whatever oslo.messaging versions it lists."""
        plain = _series()
        versioned = _series(first_version=(17, 0, 0),
                            last_version=(17, 2, 0))
        self.assertEqual(plain, versioned)
        self.assertEqual(hash(plain), hash(versioned))
        self.assertNotEqual(plain, _series(index=4))
        self.assertNotEqual(plain, _series(estimated=True))

    def test_driver_entry_evidence_and_base_not_compared(self):
        """Evidence and the overlaid base do not make entries differ."""
        entry = driver_manifest.DriverEntry(name='rabbit', entry_point='a:B')
        other = entry.replace(evidence={'coverage': None}, base=entry)
        self.assertEqual(entry, other)
        self.assertNotEqual(entry, entry.replace(usage=('rpc',)))
        self.assertNotIn('base=', repr(other))
        self.assertIn("name='rabbit'", repr(other))

    def test_factory_default_is_fresh_per_record(self):
        """Each entry gets its own evidence dictionary."""
        first = driver_manifest.DriverEntry(name='a', entry_point='a:B')
        second = driver_manifest.DriverEntry(name='b', entry_point='a:B')
        self.assertEqual({}, first.evidence)
        self.assertIsNot(first.evidence, second.evidence)

    def test_other_classes_and_types_differ(self):
        """Equality needs the same class, not the same values."""
        self.assertNotEqual(rules.Standing(), rules.Settings())
        self.assertNotEqual(_series(), (3, 'dalmatian'))

    def test_replace_changes_only_what_is_named(self):
        """replace() keeps the rest and refuses unknown names."""
        series = _series(first_version=(17, 0, 0))
        later = series.replace(index=4, name='epoxy')
        self.assertEqual((4, 'epoxy', '2024.2', (17, 0, 0)),
                         (later.index, later.name, later.id,
                          later.first_version))
        self.assertEqual('dalmatian', series.name)
        self.assertRaises(TypeError, series.replace, colour='blue')

    def test_fields_in_order(self):
        """fields() lists a record's fields in constructor order."""
        self.assertEqual(('allow_unsupported', 'allowed_drivers', 'strict'),
                         records.fields(rules.Settings))
        self.assertEqual(records.fields(rules.Settings),
                         records.fields(rules.Settings()))

    def test_copy_and_pickle_round_trip(self):
        """Copies and pickles are equal records of the same class."""
        series = _series(last_version=(17, 2, 0))
        for clone in (copy.copy(series), copy.deepcopy(series),
                      pickle.loads(pickle.dumps(series))):
            self.assertIs(release_calendar.Series, type(clone))
            self.assertEqual(series, clone)
            self.assertEqual((17, 2, 0), clone.last_version)

    def test_declaration_errors(self):
        """A record class with a misplaced or unknown field is refused."""
        def required_after_optional():
            class Bad(records.Record):
                __slots__ = ('a', 'b')
                _defaults = {'a': 1}

        def unknown_default():
            class Bad(records.Record):
                __slots__ = ('a',)
                _defaults = {'b': 1}

        self.assertRaises(TypeError, required_after_optional)
        self.assertRaises(TypeError, unknown_default)
